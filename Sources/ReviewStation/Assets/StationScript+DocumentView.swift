extension StationAssets {
    /// The document page's elements: the page image with every zone drawn over it, a card per
    /// doubtful field (crop, value read, second reading, confidence, reasons), the other fields, the
    /// actions and the reason input. Building only: the behaviour is in `scriptDocument`.
    static let scriptDocumentView = #"""
        // ---------------------------------------------------------------- the document page: elements

        /** Text types that are typed as digits. */
        const NUMERIC_TYPES = new Set(["digits", "number", "my_number", "corporate_number"]);

        /**
         * Builds the page for `doc`. Returns the parts the behaviour needs:
         * {root, fields[], notice, docMessages, accept, acceptWhy, actionMessage, reason{box,label,input,hint},
         *  buttons{reject, override, next, queue}, viewer}.
         * Each field: {spec, input, confirm?, confirmRow?, confirmStatus?, card, zone?, messages, reading?,
         * cropSlot, original}.
         */
        function buildDocumentView(doc, reviewer) {
          const fields = doc.fields.map((spec) => fieldParts(spec));
          const doubtful = fields.filter((field) => field.spec.doubtful);
          const others = fields.filter((field) => !field.spec.doubtful);

          const back = el("a", { href: "/", class: "back", text: "← 一覧 Queue (Alt+Q)" });
          const header = el("header", { class: "bar" }, back,
            el("h1", {}, doc.file),
            el("p", { class: "workflow-name", text: `${doc.workflow.name} v${doc.workflow.version}` }),
            el("p", { class: "reviewer", text: `確認者 ${reviewer}` }));
          const notice = el("div", { class: "notice", role: "status" });

          const viewer = el("section", { class: "viewer", "aria-label": "スキャン画像 Scanned page" },
            doc.pages.map((page) => pageFigure(page, fields)));

          const docMessages = el("ul", { class: "messages doc-messages", "aria-label": "書類全体の指摘" });
          const problems = doc.problems.length
            ? el("section", { class: "problems", "aria-label": "読み取り時の問題" },
              el("h2", { text: "読み取り時の問題 Problems" }),
              el("ul", {}, doc.problems.map((problem) => el("li", {},
                `${reasonWords(problem.code)}: ${problem.message}`,
                problem.fields && problem.fields.length ? ` (${problem.fields.join("・")})` : ""))))
            : "";

          const accept = el("button", { type: "button", class: "primary", id: "accept",
            "aria-describedby": "accept-why action-message", "aria-disabled": "false" },
            "承認 Accept ", el("kbd", { text: "Enter / Ctrl+Enter" }));
          const acceptWhy = el("p", { id: "accept-why", class: "accept-why" });
          const actionMessage = el("p", { id: "action-message", class: "action-message", role: "alert" });
          const buttons = {
            reject: el("button", { type: "button" }, "却下 Reject ", el("kbd", { text: "Alt+R" })),
            override: el("button", { type: "button" }, "上書き承認 Override ", el("kbd", { text: "Alt+O" })),
            next: el("button", { type: "button" }, "次の書類 Next ", el("kbd", { text: "Alt+N" })),
            queue: back,
          };
          const reasonInput = el("input", { id: "reason-input", type: "text", maxlength: "500",
            autocomplete: "off", "aria-describedby": "reason-hint" });
          const reason = {
            box: el("div", { class: "reason-box", hidden: true }),
            label: el("label", { for: "reason-input" }),
            input: reasonInput,
            hint: el("p", { id: "reason-hint", class: "hint", text: "Enter で送信、Esc で閉じる。 Enter sends, Esc closes." }),
          };
          reason.box.append(reason.label, reason.input, reason.hint);

          const panel = el("section", { class: "panel", "aria-label": "項目 Fields" },
            problems,
            earlierView(doc.earlier),
            el("h2", { text: doubtful.length ? `要確認 To check (${doubtful.length})` : "要確認の項目はありません" }),
            el("div", { class: "doubtful-list" }, doubtful.map((field) => field.card)),
            docMessages,
            el("div", { class: "actions" }, accept, buttons.reject, buttons.override, buttons.next),
            acceptWhy, actionMessage, reason.box,
            el("h2", { text: "その他の項目 Other fields" }),
            el("div", { class: "other-list" }, others.map((field) => field.card)),
            keyLegend([
              ["Enter", "確定して次へ confirm, next"], ["Ctrl+Enter", "承認 accept"],
              ["Alt+R", "却下 reject"], ["Alt+O", "上書き承認 override"], ["Alt+V", "個人番号を表示 reveal"],
              ["Alt+N", "次の書類 next"], ["Alt+Q", "一覧へ queue"], ["Esc", "理由入力を閉じる close"],
              ["Tab", "項目を移動 move"],
            ]));

          const root = el("div", { class: "document" }, header, notice,
            el("div", { class: "doc-layout" }, viewer, panel));
          return { root, fields, doubtful, notice, docMessages, accept, acceptWhy, actionMessage, reason, buttons,
            viewer, panel };
        }

        /** One page image with every zone drawn over it, as boxes placed in fractions of the page. */
        function pageFigure(page, fields) {
          const img = el("img", { src: page.image, alt: `${page.number}ページ目 page ${page.number}`,
            width: page.width, height: page.height });
          const figure = el("figure", { class: "page" }, img);
          for (const field of fields) {
            const zone = field.spec.zone;
            if (!zone || zone.page !== page.number) continue;
            const box = el("div", { class: field.spec.doubtful ? "zone doubtful" : "zone",
              "data-index": field.spec.index, title: field.spec.name, "aria-hidden": "true" },
              field.spec.doubtful ? el("span", { class: "zone-label", text: field.spec.name }) : "");
            box.style.left = `${zone.x * 100}%`;
            box.style.top = `${zone.y * 100}%`;
            box.style.width = `${zone.width * 100}%`;
            box.style.height = `${zone.height * 100}%`;
            figure.append(box);
            field.zone = box;
          }
          return figure;
        }

        /** A field's card: label, input (and the second input of a sensitive value), readings, messages. */
        function fieldParts(spec) {
          const id = `field-${spec.index}`;
          const input = el("input", {
            id, type: "text", class: "field-input", value: spec.value, autocomplete: "off", spellcheck: "false",
            "data-field": spec.name, "data-index": spec.index, "data-sensitive": spec.sensitive ? "true" : null,
            inputmode: NUMERIC_TYPES.has(spec.type) ? "numeric" : null,
            "aria-required": spec.required ? "true" : null,
            "aria-describedby": `${id}-info ${id}-messages${spec.sensitive ? ` ${id}-confirm-status` : ""}`,
          });
          const field = { spec, input, original: spec.value, zone: null };
          field.messages = el("ul", { id: `${id}-messages`, class: "messages" });
          field.cropSlot = el("div", { class: "crop-slot" });
          if (spec.crop && spec.doubtful) {
            field.cropSlot.append(el("img", { class: "crop", src: spec.crop, alt: `${spec.name} の切り抜き crop` }));
          } else if (spec.crop) {
            // Made on request by the station: a field read with confidence gets its crop when focused.
            field.cropSlot.append(el("img", { class: "crop", "data-src": spec.crop, alt: `${spec.name} の切り抜き crop`,
              hidden: true }));
          } else if (spec.sensitive) {
            field.cropSlot.append(el("p", { class: "crop masked", text: "個人番号は Alt+V で表示 (記録されます)" }));
          }

          const badges = el("span", { class: "badges" },
            spec.required ? el("span", { class: "badge", text: "必須" }) : "",
            spec.sensitive ? el("span", { class: "badge sensitive", text: "個人番号・マスク" }) : "",
            el("span", { class: "badge confidence", text: `確信度 ${spec.confidence}` }));
          const label = el("label", { for: id }, el("span", { class: "name", text: spec.name }),
            el("span", { class: "type", text: ` ${spec.type}` }));

          const options = spec.options && spec.options.length
            ? el("p", { class: "options", id: `${id}-options` },
              spec.kind === "checkbox" ? "チェック (複数は ; で区切る): " : "選択肢 (1つ): ",
              spec.options.map((option) => el("button", { type: "button", class: "option", tabindex: "-1",
                "data-option": option, text: option })))
            : "";
          if (options) input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby")} ${id}-options`);

          let confirmRow = "";
          if (spec.sensitive) {
            field.confirm = el("input", { id: `${id}-confirm`, type: "text", class: "field-input confirm-input",
              autocomplete: "off", spellcheck: "false", inputmode: "numeric", "data-index": spec.index,
              "data-field": spec.name, "data-confirm": "true", "aria-describedby": `${id}-confirm-status` });
            field.confirmStatus = el("span", { id: `${id}-confirm-status`, class: "confirm-status" });
            confirmRow = el("div", { class: "confirm-row", hidden: true },
              el("label", { for: `${id}-confirm`, text: "確認のためもう一度入力 Type it again" }),
              field.confirm, field.confirmStatus);
            field.confirmRow = confirmRow;
          }

          field.reading = el("dd", { text: spec.raw || "（空 blank）" });
          const info = el("dl", { class: "readings", id: `${id}-info` },
            el("dt", { text: "読み取り Read" }), field.reading,
            spec.second !== null && spec.second !== undefined
              ? [el("dt", { text: "2回目 Second" }), el("dd", { text: spec.second || "（空 blank）" })] : "",
            spec.reasons.length
              ? [el("dt", { text: "理由 Why" }), el("dd", {}, el("ul", { class: "why" }, spec.reasons.map((reason) =>
                el("li", {}, el("strong", { text: reasonWords(reason.code) }), ` — ${reason.message}`))))]
              : "");

          field.card = el("div", { class: spec.doubtful ? "field doubtful" : "field", "data-index": spec.index },
            el("div", { class: "field-head" }, label, badges),
            spec.doubtful ? field.cropSlot : "",
            el("div", { class: "input-row" }, input, spec.doubtful ? "" : field.cropSlot),
            options, confirmRow, field.messages, info);
          return field;
        }

        /** What an earlier review of this document under another version decided. */
        function earlierView(earlier) {
          if (!earlier) return "";
          const outcome = earlier.outcome === "rejected" ? "却下 rejected" : "承認 accepted";
          return el("section", { class: "earlier", "aria-label": "以前の審査" },
            el("h2", { text: `以前の審査 Earlier review (v${earlier.version}): ${outcome}` }),
            el("dl", {}, Object.entries(earlier.values || {}).map(([name, value]) =>
              [el("dt", { text: name }), el("dd", { text: value })])));
        }

        """#
}
