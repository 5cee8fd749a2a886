extension StationAssets {
    /// The queue page (`/`): per workflow, what waits and why, and the documents; ↑/↓ (j/k) move,
    /// Enter opens.
    static let scriptQueue = #"""
        // ---------------------------------------------------------------- the queue page

        function openQueuePage() {
          let left = false;
          let refresh = 0;
          setPageState("queue", "loading", { document: "" });
          document.title = "審査キュー — rpa";

          const header = el("header", { class: "bar" }, el("h1", { text: "審査キュー Review queue" }));
          const notice = el("div", { class: "notice", role: "status", text: flash });
          if (flash) { announce(flash); flash = ""; }
          const nameSlot = el("div", { class: "name-slot" });
          const list = el("div", { class: "queue" });
          const legend = keyLegend([["↑ ↓ / j k", "書類を選ぶ move"], ["Enter", "開く open"]]);
          app.replaceChildren(header, notice, nameSlot, list, legend);

          /** The document links, in page order. */
          const links = () => [...list.querySelectorAll("a.doc-link")];

          function reviewerBadge(name) {
            const change = el("button", { type: "button", class: "link-button", text: "変更 change" });
            change.addEventListener("click", async () => {
              await askReviewer(nameSlot, { force: true });
              await load(null);
            });
            return el("p", { class: "reviewer" }, `確認者 Reviewer: ${name} `, change);
          }

          function workflowSection(workflow, me) {
            const reasons = el("ul", { class: "reason-counts", "aria-label": "理由別の件数" },
              workflow.reasons.map((reason) => el("li", { title: reason.message },
                `${reasonWords(reason.code)} `, el("span", { class: "code", text: reason.code }),
                el("span", { class: "count", text: ` ${reason.count}件` }))));
            const documents = el("ol", { class: "documents", "aria-label": `${workflow.name} の書類` },
              workflow.documents.map((doc) => {
                const taken = doc.taken_by && doc.taken_by !== me;
                return el("li", {},
                  el("a", { href: `/documents/${doc.id}`, class: taken ? "doc-link taken" : "doc-link",
                    "data-id": doc.id, "data-taken": taken ? "true" : null },
                    el("span", { class: "file", text: doc.file }),
                    el("span", { class: "doubtful", text: `要確認 ${doc.doubtful}項目` }),
                    el("span", { class: "reasons", text: doc.reasons.map(reasonWords).join("・") }),
                    el("span", { class: "taken-by",
                      text: doc.taken_by ? `確認中: ${doc.taken_by}${taken ? "" : " (あなた)"}` : "" })));
              }));
            return el("section", { class: "workflow", "aria-label": workflow.name },
              el("h2", {}, workflow.name, el("span", { class: "version", text: ` v${workflow.version}` })),
              el("p", { class: "summary" },
                el("strong", { text: `待ち ${workflow.waiting}件` }), ` waiting · 最古 oldest ${formatTime(workflow.oldest)}`),
              reasons,
              workflow.documents.length ? documents : el("p", { class: "empty", text: "確認待ちはありません。" }));
          }

          /** Fetches and draws the queue; focus goes to `focusId`, else the first document not taken. */
          async function load(focusId) {
            let queue;
            try {
              queue = await getJSON("/api/queue");
            } catch (error) {
              list.replaceChildren(el("p", { class: "error", role: "alert", text: error.message }));
              setPageState("queue", "error");
              return;
            }
            if (left) return;
            const me = storedReviewer();
            const total = queue.workflows.reduce((sum, workflow) => sum + workflow.waiting, 0);
            list.replaceChildren(
              reviewerBadge(me),
              total ? "" : el("p", { class: "all-clear", role: "status",
                text: "確認待ちの書類はありません。 Nothing waits for review." }),
              ...queue.workflows.map((workflow) => workflowSection(workflow, me)));
            const all = links();
            const target = all.find((link) => link.dataset.id === focusId)
              || all.find((link) => !link.dataset.taken) || all[0];
            if (target) target.focus(); else app.focus();
            setPageState("queue", "ready", { waiting: String(total), document: "" });
          }

          function onKey(event) {
            if (composing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
            const all = links();
            const at = all.indexOf(document.activeElement);
            if (event.target.matches("input")) return;
            let to = -1;
            if (event.key === "ArrowDown" || event.key === "j") to = Math.min(at + 1, all.length - 1);
            else if (event.key === "ArrowUp" || event.key === "k") to = Math.max(at - 1, 0);
            else if (event.key === "Home") to = 0;
            else if (event.key === "End") to = all.length - 1;
            else return;
            event.preventDefault();
            if (all[to]) all[to].focus();
          }

          // A document link opens in place (no reload); Enter on a focused link clicks it.
          list.addEventListener("click", (event) => {
            const link = event.target.closest("a.doc-link");
            if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            navigate(link.getAttribute("href"));
          });

          (async () => {
            await askReviewer(nameSlot);
            if (left) return;
            await load(lastDocument);
            // Others open and resolve documents too: refresh while the page is watched.
            refresh = window.setInterval(() => {
              if (document.visibilityState !== "visible") return;
              const focused = document.activeElement && document.activeElement.dataset
                ? document.activeElement.dataset.id : null;
              const idle = document.activeElement === app || document.activeElement === document.body;
              if (focused || idle) load(focused);
            }, 20000);
          })();

          return {
            onKey,
            leave() {
              left = true;
              window.clearInterval(refresh);
            },
          };
        }

        /** The small list of keys shown on each page. */
        function keyLegend(pairs) {
          return el("aside", { class: "legend", "aria-label": "キー操作 Keys" },
            el("h2", { text: "キー操作 Keys" }),
            el("dl", {}, pairs.map(([keys, words]) =>
              [el("dt", {}, el("kbd", { text: keys })), el("dd", { text: words })])));
        }

        """#
}
