extension StationAssets {
    /// The document page's behaviour: claim, check as you type, the keys (Enter walks the doubtful
    /// fields then accepts), reject, override, reveal, next, release.
    static let scriptDocument = #"""
        // ---------------------------------------------------------------- the document page: behaviour

        function openDocumentPage(id) {
          const state = {
            id, doc: null, view: null, reviewer: "", claim: null,
            left: false, resolved: false, busy: false,
            // checks: the last answer and the values it answered, the one in flight, the debounce timer
            lastCheck: null, lastKey: null, pending: null, pendingKey: null, checkSeq: 0, checkTimer: 0,
            announced: "", reasonMode: null, reasonReturn: null, blobs: [], lastPointer: 0,
          };
          setPageState("document", "loading", { document: id });
          start();
          return { onKey, leave };

          // ------------------------------------------------------------ opening

          async function start() {
            const slot = el("div", { class: "name-slot" }, el("p", { class: "loading", text: "読み込み中… Loading…" }));
            app.replaceChildren(slot);
            state.reviewer = await askReviewer(slot);
            if (state.left) return;
            let doc;
            try {
              doc = await getJSON(`/api/documents/${id}`);
            } catch (error) {
              if (!state.left) showGone(error);
              return;
            }
            if (state.left) return;
            state.doc = doc;
            let claimError = null;
            for (;;) {
              try {
                const claim = await post(`/api/documents/${id}/claim`, { reviewer: state.reviewer });
                state.claim = claim.claim;
              } catch (error) {
                // 400: the station refuses the name itself; ask for another and try again.
                if (error.status === 400 && !state.left) {
                  state.reviewer = await askReviewer(slot, { force: true, problem: error.message });
                  continue;
                }
                claimError = error;
              }
              break;
            }
            if (state.left) { release(false); return; }
            render(doc);
            if (claimError) {
              if (claimError.status === 409) showTaken(claimError.body); else showError(claimError);
              return;
            }
            activity.hold(id, state.claim);
            await runCheck();
            if (state.left) return;
            focusStart();
            setPageState("document", "ready", { document: id });
          }

          function render(doc) {
            document.title = `${doc.file} — 審査`;
            const view = buildDocumentView(doc, state.reviewer);
            state.view = view;
            if (flash) { view.notice.textContent = flash; announce(flash); flash = ""; }
            app.replaceChildren(view.root);

            for (const field of view.fields) {
              field.input.addEventListener("input", () => edited(field));
              if (field.confirm) field.confirm.addEventListener("input", () => edited(field));
              if (field.zone) field.zone.addEventListener("click", () => focusInput(field.input));
              for (const option of field.card.querySelectorAll("button.option")) {
                option.addEventListener("click", () => toggleOption(field, option.dataset.option));
              }
            }
            view.panel.addEventListener("pointerdown", () => { state.lastPointer = Date.now(); });
            view.panel.addEventListener("focusin", (event) => {
              const field = fieldOf(event.target);
              emphasise(field);
              const crop = field && field.cropSlot.querySelector("img[data-src]");
              if (crop) { crop.src = crop.dataset.src; crop.removeAttribute("data-src"); crop.hidden = false; }
              // Reached by keyboard: select the text, so typing replaces it.
              const byKeyboard = Date.now() - state.lastPointer > 400;
              if (field && byKeyboard && event.target.matches("input")) event.target.select();
            });
            view.accept.addEventListener("click", () => accept(null));
            view.buttons.reject.addEventListener("click", () => openReason("reject"));
            view.buttons.override.addEventListener("click", () => openReason("override"));
            view.buttons.next.addEventListener("click", goNext);
            view.buttons.queue.addEventListener("click", (event) => { event.preventDefault(); toQueue(); });
          }

          /** Focus starts on the first doubtful field, its text selected (typing replaces it). */
          function focusStart() {
            const view = state.view;
            const named = state.doc.problems.flatMap((problem) => problem.fields || []);
            const first = view.doubtful[0] || view.fields.find((field) => named.includes(field.spec.name));
            if (first) focusInput(first.input); else view.accept.focus();
          }

          // ------------------------------------------------------------ fields

          function fieldOf(node) {
            if (!state.view || !node || !node.closest) return null;
            const card = node.closest(".field");
            if (!card) return null;
            return state.view.fields.find((field) => String(field.spec.index) === card.dataset.index);
          }

          function byName(name) { return state.view.fields.find((field) => field.spec.name === name); }

          function focusInput(input) {
            input.focus();
            input.select();
          }

          function changed(field) { return field.input.value !== field.original; }

          /** The focused field's zone is drawn emphasised, and scrolled into view over the page image. */
          function emphasise(field) {
            const viewer = state.view.viewer;
            for (const zone of viewer.querySelectorAll(".zone.focused")) zone.classList.remove("focused");
            if (!field || !field.zone || !field.zone.offsetParent) return;
            field.zone.classList.add("focused");
            const top = field.zone.offsetTop + field.zone.offsetParent.offsetTop;
            const bottom = top + field.zone.offsetHeight;
            if (top < viewer.scrollTop || bottom > viewer.scrollTop + viewer.clientHeight) {
              viewer.scrollTop = Math.max(0, top - viewer.clientHeight / 3);
            }
          }

          /** Typing in a field: the second input of a sensitive value, then a check ~150 ms later. */
          function edited(field) {
            state.view.actionMessage.textContent = "";
            if (field.confirm) showConfirmation(field);
            updateAcceptState();
            scheduleCheck(150);
          }

          /** A corrected sensitive value is typed twice: the second input shows once the first changes. */
          function showConfirmation(field) {
            const needed = changed(field);
            field.confirmRow.hidden = !needed;
            if (!needed) { field.confirm.value = ""; field.confirmStatus.textContent = ""; return; }
            const first = field.input.value;
            const again = field.confirm.value;
            let words = "確認のためもう一度入力してください。 Type it again to confirm.";
            let css = "confirm-status";
            if (again === first) { words = "一致 ✓ Entries match."; css += " ok"; }
            else if (again && !first.startsWith(again)) {
              words = "一致しません ✗ The two entries differ.";
              css += " bad";
            }
            field.confirmStatus.textContent = words;
            field.confirmStatus.className = css;
          }

          /** Clicking an option ticks or unticks it in the field's text (`本人;同一世帯`). */
          function toggleOption(field, option) {
            let ticked = field.input.value.split(";").map((part) => part.trim()).filter(Boolean);
            if (ticked.includes(option)) ticked = ticked.filter((name) => name !== option);
            else ticked = field.spec.kind === "choice" ? [option] : [...ticked, option];
            field.input.value = ticked.join(";");
            edited(field);
            field.input.focus();
          }

          // ------------------------------------------------------------ checking as you type

          /** The fields the reviewer changed (untouched ones are confirmed as read). */
          function corrections() {
            const values = {};
            const confirmations = {};
            for (const field of state.view.fields) {
              if (!changed(field)) continue;
              values[field.spec.name] = field.input.value;
              if (field.confirm) confirmations[field.spec.name] = field.confirm.value;
            }
            return { values, confirmations };
          }

          function scheduleCheck(delay) {
            window.clearTimeout(state.checkTimer);
            state.checkTimer = window.setTimeout(() => { runCheck(); }, delay);
          }

          /** Asks the station to check the current values; draws the findings. Resolves with the answer. */
          function runCheck() {
            window.clearTimeout(state.checkTimer);
            if (!state.claim || state.left) return Promise.resolve(null);
            const body = corrections();
            const key = JSON.stringify(body);
            if (key === state.pendingKey && state.pending) return state.pending;
            const seq = ++state.checkSeq;
            state.pendingKey = key;
            const request = post(`/api/documents/${id}/check`, { claim: state.claim, ...body });
            state.pending = request.then((answer) => {
              if (seq === state.checkSeq && !state.left) {
                activity.heard();
                state.lastCheck = answer;
                state.lastKey = key;
                showFindings(answer.findings);
              }
              return answer;
            }, (error) => {
              if (seq === state.checkSeq && !state.left) failed(error);
              return null;
            }).finally(() => {
              if (seq === state.checkSeq) { state.pending = null; state.pendingKey = null; }
            });
            return state.pending;
          }

          /** The answer for the values as they are now (waits for, or sends, the check). */
          async function currentCheck() {
            const key = JSON.stringify(corrections());
            if (key === state.lastKey && state.lastCheck) return state.lastCheck;
            return runCheck();
          }

          /**
           * Each finding beside its field; a rule's (field null) beside every field it names; a finding
           * naming no field under the doubtful fields.
           */
          function showFindings(findings) {
            const view = state.view;
            for (const field of view.fields) {
              field.messages.replaceChildren();
              field.card.classList.remove("blocking", "warning");
              if (field.zone) field.zone.classList.remove("blocking", "warning");
            }
            view.docMessages.replaceChildren();
            for (const finding of findings) {
              const names = finding.field ? [finding.field] : (finding.fields || []);
              const targets = names.map(byName).filter(Boolean);
              const css = finding.overridable ? "warning" : "blocking";
              const item = () => el("li", { class: css, "data-code": finding.code },
                el("strong", { text: `${reasonWords(finding.code)}: ` }), finding.message,
                el("span", { class: "hint",
                  text: finding.overridable ? " （理由を付けて上書き可 Alt+O）" : " （要修正 must be corrected）" }));
              if (!targets.length) view.docMessages.append(item());
              for (const field of targets) {
                // The second input of a sensitive value says this itself, as it is typed.
                if (finding.code === "confirmation_differs" && field.confirmRow && !field.confirmRow.hidden) continue;
                field.messages.append(item());
                field.card.classList.add(css);
                if (field.zone) field.zone.classList.add(css);
              }
            }
            const summary = findings.length
              ? `指摘 ${findings.length}件: ${findings.map((finding) => finding.message).join(" / ")}`
              : "指摘はありません。 No findings.";
            if (summary !== state.announced) { state.announced = summary; announce(summary); }
            updateAcceptState();
          }

          // ------------------------------------------------------------ accepting

          /**
           * Why the document cannot be accepted as it stands ({message, focus?}), or null. Without an
           * override reason, any finding blocks; with one, only those that must be corrected.
           */
          function blockers(overrideReason) {
            for (const field of state.view.fields) {
              if (field.confirm && changed(field) && field.confirm.value !== field.input.value) {
                return { message: `${field.spec.name}: 確認の入力が一致しません。 The two entries differ.`,
                  short: `${field.spec.name} の確認入力が一致していません。`,
                  focus: field.confirmRow.hidden ? field.input : field.confirm };
              }
            }
            const findings = (state.lastCheck && state.lastCheck.findings) || [];
            const mustCorrect = findings.filter((finding) => !finding.overridable);
            const list = (some) => some.map((finding) =>
              `${finding.field || (finding.fields || []).join("・")}: ${finding.message}`).join(" / ");
            if (mustCorrect.length) {
              return { message: `承認できません。直してください (cannot be overridden): ${list(mustCorrect)}`,
                short: "承認できません: 直す必要のある項目があります (要修正)。", focus: inputToFix(mustCorrect, false) };
            }
            if (findings.length && !overrideReason) {
              return { message: `承認できません: ${list(findings)}。 直すか、Alt+O で理由を付けて上書き承認。`
                + " Correct it, or override with Alt+O and a reason.",
                short: "承認できません: 指摘を直すか、Alt+O で理由を付けて上書き承認。", focus: inputToFix(findings, true) };
            }
            return null;
          }

          /** The input to fix first: a changed field the findings name, else (unless onlyChanged) the first. */
          function inputToFix(findings, onlyChanged) {
            const named = findings.flatMap((finding) => finding.field ? [finding.field] : (finding.fields || []))
              .map(byName).filter(Boolean);
            const field = named.find(changed) || (onlyChanged ? null : named[0]);
            return field ? field.input : null;
          }

          /** Accept shows as unavailable while the last check blocks it (Enter on it still says why). */
          function updateAcceptState() {
            const view = state.view;
            if (!view) return;
            const current = JSON.stringify(corrections()) === state.lastKey;
            const why = current ? blockers(null) : null;
            view.accept.setAttribute("aria-disabled", why || !state.claim ? "true" : "false");
            view.acceptWhy.textContent = why ? why.short : (current ? "承認できます。 Ready to accept." : "確認中… checking");
            view.acceptWhy.classList.toggle("blocked", Boolean(why));
          }

          /** Refuses an action: says why (role=alert) and takes focus where it can be put right. */
          function refuse(why) {
            closeReason(false);
            state.view.actionMessage.textContent = "";
            window.setTimeout(() => { if (state.view) state.view.actionMessage.textContent = why.message; }, 20);
            if (why.focus) focusInput(why.focus);
          }

          async function accept(overrideReason) {
            if (!state.claim || state.busy || state.resolved) return;
            state.busy = true;
            state.view.actionMessage.textContent = "";
            state.view.panel.setAttribute("aria-busy", "true");
            try {
              const answer = await currentCheck();
              if (state.left || !answer) return;
              const why = blockers(overrideReason);
              if (why) { refuse(why); return; }
              await resolve({ claim: state.claim, ...corrections(), override: overrideReason });
            } finally {
              state.busy = false;
              if (state.view) state.view.panel.removeAttribute("aria-busy");
            }
          }

          /** Sends the resolution; on success goes straight to the next document (or the queue). */
          async function resolve(body) {
            let answer;
            try {
              answer = await post(`/api/documents/${id}/resolution`, body);
            } catch (error) {
              if (error.status === 422) {
                const findings = error.body.findings || [];
                state.lastCheck = { ok: false, findings };
                state.lastKey = JSON.stringify(corrections());
                showFindings(findings);
                refuse({ message: `${error.message}`, focus: inputToFix(findings, false) });
              } else {
                failed(error);
              }
              return;
            }
            state.resolved = true;
            activity.drop();
            const done = answer.outcome === "rejected" ? "却下しました rejected" : "承認しました accepted";
            flash = `${state.doc.file}: ${done}（${answer.minutes} 分）`;
            navigate(answer.next ? `/documents/${answer.next}` : "/");
          }

          // ------------------------------------------------------------ reasons: reject, override

          function openReason(mode) {
            if (!state.claim || state.resolved || state.busy) return;
            const { reason } = state.view;
            if (!state.reasonMode) state.reasonReturn = document.activeElement;
            state.reasonMode = mode;
            reason.box.dataset.mode = mode;
            reason.label.textContent = mode === "reject"
              ? "却下の理由 Reason for rejecting" : "上書き承認の理由 Reason for overriding the findings";
            reason.hint.textContent = "Enter で送信、Esc で閉じる。 Enter sends, Esc closes.";
            reason.box.hidden = false;
            reason.input.value = "";
            reason.input.focus();
          }

          function closeReason(restoreFocus = true) {
            if (!state.reasonMode) return;
            state.reasonMode = null;
            state.view.reason.box.hidden = true;
            const back = state.reasonReturn;
            if (restoreFocus && back && back.isConnected) back.focus();
          }

          async function submitReason() {
            const { reason } = state.view;
            const words = reason.input.value.trim();
            if (!words) { reason.hint.textContent = "理由を入力してください。 Type a reason first."; return; }
            if (state.reasonMode === "override") { await accept(words); return; }
            if (state.busy) return;
            state.busy = true;
            try {
              await resolve({ claim: state.claim, reject: words });
            } finally {
              state.busy = false;
            }
          }

          // ------------------------------------------------------------ reveal

          /** Alt+V: the focused (or first) sensitive field's value and crop, audited by the station. */
          async function reveal() {
            if (!state.claim) return;
            const focused = fieldOf(document.activeElement);
            const field = focused && focused.spec.sensitive
              ? focused : state.view.fields.find((candidate) => candidate.spec.sensitive);
            if (!field) { refuse({ message: "表示する個人番号はありません。 No sensitive field here." }); return; }
            let answer;
            try {
              answer = await post(`/api/documents/${id}/reveal`, { claim: state.claim, field: field.spec.name });
            } catch (error) {
              failed(error);
              return;
            }
            activity.heard();
            field.reading.textContent = answer.value || "（空 blank）";
            if (!changed(field)) {
              field.input.value = answer.value;
              field.original = answer.value;
            }
            showConfirmation(field);
            field.card.classList.add("revealed");
            focusInput(field.input);
            announce(`${field.spec.name} を表示しました。 Revealed.`);
            updateAcceptState();
            const crop = await fetch(`/api/documents/${id}/fields/${field.spec.index}/crop.png`,
              { headers: { "X-RPA-Claim": state.claim }, credentials: "same-origin" }).catch(() => null);
            if (!crop || !crop.ok || state.left) return;
            const url = URL.createObjectURL(await crop.blob());
            state.blobs.push(url);
            field.cropSlot.replaceChildren(
              el("img", { class: "crop", src: url, alt: `${field.spec.name} の切り抜き crop` }));
          }

          // ------------------------------------------------------------ leaving

          function release(keepalive) {
            if (!state.claim || state.resolved) return Promise.resolve();
            const claim = state.claim;
            state.claim = null;
            activity.drop();
            return post(`/api/documents/${id}/release`, { claim }, { keepalive }).catch(() => {});
          }

          async function goNext() {
            const next = state.doc && state.doc.next;
            await release(false);
            navigate(next ? `/documents/${next}` : "/");
          }

          async function toQueue() {
            await release(false);
            navigate("/");
          }

          function leave({ keepalive }) {
            state.left = true;
            lastDocument = id;
            window.clearTimeout(state.checkTimer);
            release(keepalive);
            for (const url of state.blobs) URL.revokeObjectURL(url);
          }

          // ------------------------------------------------------------ trouble

          /** Someone else has the document open: say who, offer the next one. */
          function showTaken(body) {
            const who = (body && body.taken_by) || "他の人";
            const next = el("button", { type: "button", class: "primary" },
              "次の書類へ Next ", el("kbd", { text: "Alt+N" }));
            next.addEventListener("click", goNext);
            disableEditing();
            state.view.notice.replaceChildren(el("div", { class: "banner", role: "alert" },
              el("p", { text: `この書類は ${who} さんが確認中です。 Taken by ${who}.` }), next));
            next.focus();
            setPageState("document", "taken", { document: id });
          }

          /** A document already resolved, or unknown. */
          function showGone(error) {
            const link = el("a", { href: "/", text: "一覧へ戻る Back to the queue" });
            link.addEventListener("click", (event) => { event.preventDefault(); navigate("/"); });
            const words = error.status === 404
              ? "この書類は確認済みか、見つかりません。 Already resolved, or not found." : error.message;
            app.replaceChildren(el("div", { class: "banner", role: "alert" }, el("p", { text: words }), link));
            link.focus();
            setPageState("document", "gone", { document: id });
          }

          function showError(error) {
            disableEditing();
            state.view.notice.replaceChildren(
              el("div", { class: "banner", role: "alert" }, el("p", { text: error.message })));
            setPageState("document", "error", { document: id });
          }

          /** An action failed: a lost claim becomes "taken", anything else is said. */
          function failed(error) {
            if (error.status === 409 && error.body && error.body.taken_by) { showTaken(error.body); return; }
            if (error.status === 409 || error.status === 404) {
              state.claim = null;
              activity.drop();
              const again = el("button", { type: "button" }, "開き直す Reopen");
              again.addEventListener("click", route);
              disableEditing();
              state.view.notice.replaceChildren(el("div", { class: "banner", role: "alert" },
                el("p", { text: `${error.message} — 開き直すか、次の書類へ (Alt+N)。` }), again));
              again.focus();
              return;
            }
            refuse({ message: error.message });
          }

          function disableEditing() {
            for (const input of state.view.panel.querySelectorAll("input")) input.readOnly = true;
            state.view.accept.setAttribute("aria-disabled", "true");
          }

          // ------------------------------------------------------------ keys

          function onKey(event) {
            if (composing(event) || !state.view) return;
            const target = event.target;
            const enter = event.key === "Enter";
            if (target === state.view.reason.input && enter) {
              event.preventDefault();
              submitReason();
              return;
            }
            if (event.key === "Escape" && state.reasonMode) {
              event.preventDefault();
              closeReason();
              return;
            }
            if (enter && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              accept(null);
              return;
            }
            const letter = altLetter(event);
            const actions = { R: () => openReason("reject"), O: () => openReason("override"), N: goNext, V: reveal,
              Q: toQueue };
            if (letter && actions[letter]) {
              event.preventDefault();
              actions[letter]();
              return;
            }
            if (enter && !event.shiftKey && !event.altKey && target.classList.contains("field-input")) {
              event.preventDefault();
              enterFrom(target);
            }
          }

          /**
           * Enter in a field: confirms it and moves to the next doubtful field, or after the last one to
           * Accept. A changed sensitive value first goes to its second input, which must match.
           */
          function enterFrom(input) {
            const field = fieldOf(input);
            if (!field || input.readOnly) return;
            if (field.confirm && input === field.input && changed(field)) {
              showConfirmation(field);
              focusInput(field.confirm);
              return;
            }
            if (input === field.confirm && field.confirm.value !== field.input.value) {
              showConfirmation(field);
              announce(field.confirmStatus.textContent);
              focusInput(field.confirm);
              return;
            }
            field.card.classList.add("confirmed");
            if (JSON.stringify(corrections()) !== state.lastKey) scheduleCheck(0);
            const doubtful = state.view.doubtful;
            const next = field.spec.doubtful ? doubtful[doubtful.indexOf(field) + 1] : null;
            if (next) focusInput(next.input); else state.view.accept.focus();
          }
        }

        window.addEventListener("pageshow", (event) => {
          // Back from another site to a page kept in memory: its claim was released, so open it again.
          if (event.persisted) route();
        });

        """#
}
