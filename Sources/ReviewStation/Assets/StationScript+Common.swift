extension StationAssets {
    /// What both pages use: building elements, the JSON API, the reviewer's name, the activity
    /// signal that lets the server measure review minutes, and the router.
    static let scriptCommon = #"""
        // ---------------------------------------------------------------- elements

        const app = document.getElementById("app");
        const live = document.getElementById("live");

        /** el("p", {class: "x", text: "…", onclick: f}, child, …): an element, never via innerHTML. */
        function el(tag, props = {}, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(props)) {
            if (value === null || value === undefined || value === false) continue;
            if (key === "class") node.className = value;
            else if (key === "text") node.textContent = value;
            else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value === true ? "" : String(value));
          }
          for (const child of children.flat(Infinity)) {
            if (child !== null && child !== undefined && child !== false) node.append(child);
          }
          return node;
        }

        /** Says `text` to screen readers (the page's one aria-live region). */
        function announce(text) {
          live.textContent = "";
          window.setTimeout(() => { live.textContent = text; }, 30);
        }

        /** Said on the next page after a resolution ("…を承認しました"). */
        let flash = "";
        /** The document last shown: back on the queue, focus starts there. */
        let lastDocument = "";

        /** Marks the page for people and for the browser test: data-page, data-state. */
        function setPageState(page, state, extra = {}) {
          document.body.dataset.page = page;
          document.body.dataset.state = state;
          for (const [key, value] of Object.entries(extra)) document.body.dataset[key] = value;
        }

        /** ISO time → "2026/12/01 19:00" in Japan time. */
        function formatTime(iso) {
          if (!iso) return "—";
          const date = new Date(iso);
          if (Number.isNaN(date.getTime())) return iso;
          return date.toLocaleString("ja-JP", {
            timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit",
            hour: "2-digit", minute: "2-digit",
          });
        }

        /** Why a document or field waits, in Japanese first (the code stays for the manual). */
        const REASON_WORDS = {
          low_confidence: "読み取りの確信度が低い",
          unstable_reading: "2回の読み取りが一致しない",
          no_agreement: "3回目の読み取りでも決まらない",
          format: "形式が正しくない",
          required: "必須項目が空",
          needs_value: "値を入力してください",
          impossible_date: "存在しない日付",
          check_digit: "チェックデジットが合わない",
          uncertain_mark: "チェック欄が不明瞭",
          unknown_option: "選択肢にない値",
          rule: "項目どうしが矛盾",
          confirmation_differs: "確認入力が一致しない",
        };
        function reasonWords(code) { return REASON_WORDS[code] || code; }

        // ---------------------------------------------------------------- the JSON API

        class ApiError extends Error {
          constructor(status, body) {
            super((body && body.message) || `HTTP ${status}`);
            this.status = status;
            this.body = body || {};
          }
        }

        /**
         * One request to the station. POSTs carry the CSRF header the server demands; errors come back
         * as ApiError with the server's {error, message, findings?}; a lost connection as status 0.
         */
        async function api(method, url, body, { keepalive = false } = {}) {
          const headers = { Accept: "application/json" };
          const init = { method, headers, credentials: "same-origin", keepalive };
          if (method === "POST") {
            headers["Content-Type"] = "application/json";
            headers["X-RPA-Request"] = "station";
            init.body = JSON.stringify(body || {});
          }
          let response;
          try {
            response = await fetch(url, init);
          } catch (error) {
            throw new ApiError(0, { error: "offline", message: "サーバーに接続できません。 The station is unreachable." });
          }
          if (response.status === 204) return null;
          let data = null;
          try { data = await response.json(); } catch (error) { data = null; }
          if (!response.ok) throw new ApiError(response.status, data);
          return data;
        }

        const post = (url, body, options) => api("POST", url, body, options);
        const getJSON = (url) => api("GET", url);

        // ---------------------------------------------------------------- the reviewer's name

        const REVIEWER_KEY = "rpa.review.reviewer";

        function storedReviewer() {
          try { return (localStorage.getItem(REVIEWER_KEY) || "").trim(); } catch (error) { return ""; }
        }

        function saveReviewer(name) {
          try { localStorage.setItem(REVIEWER_KEY, name); } catch (error) { /* private mode: ask again */ }
        }

        /**
         * The name the claims are made in. When none is stored (or `force`), shows a name input in
         * `slot`, focused, with `problem` said above it; Enter saves. Resolves with the name.
         */
        function askReviewer(slot, { force = false, problem = "" } = {}) {
          const known = storedReviewer();
          if (known && !force) return Promise.resolve(known);
          return new Promise((resolve) => {
            const input = el("input", {
              id: "reviewer-name", type: "text", autocomplete: "name", maxlength: "64", value: known,
              "aria-describedby": "reviewer-hint",
            });
            const hint = el("p", { id: "reviewer-hint", class: "hint",
              text: "確認者の記録に使います。入力して Enter。 Type your name, then Enter." });
            const box = el("section", { class: "reviewer-box", "aria-label": "確認者の名前" },
              problem ? el("p", { class: "error", role: "alert", text: problem }) : "",
              el("label", { for: "reviewer-name", text: "確認者の名前 Your name" }), input, hint);
            input.addEventListener("keydown", (event) => {
              if (event.key !== "Enter" || event.isComposing || event.keyCode === 229) return;
              event.preventDefault();
              const name = input.value.trim();
              if (!name) { hint.textContent = "名前を入力してください。 Please type your name."; return; }
              saveReviewer(name);
              box.remove();
              resolve(name);
            });
            slot.replaceChildren(box);
            document.body.dataset.state = "name";
            input.focus();
            input.select();
          });
        }

        // ---------------------------------------------------------------- activity

        /**
         * The server counts review minutes from the times it hears from the claim holder. This sends
         * `activity` when the reviewer did anything (key, click, mouse, scroll) since the last request,
         * at most every 15 s, and when the tab becomes visible again.
         */
        const activity = {
          target: null,     // {id, claim} of the document held, or null
          busy: false,      // something happened since the station last heard from us
          lastHeard: 0,     // when the station last heard from us (any request with the claim)
          timer: 0,

          hold(id, claim) {
            this.target = { id, claim };
            this.heard();
            if (!this.timer) this.timer = window.setInterval(() => this.tick(), 2500);
          },
          drop() {
            this.target = null;
            window.clearInterval(this.timer);
            this.timer = 0;
          },
          heard() { this.lastHeard = Date.now(); this.busy = false; },
          tick(force = false) {
            if (!this.target || (!force && (!this.busy || Date.now() - this.lastHeard < 15000))) return;
            const { id, claim } = this.target;
            this.heard();
            post(`/api/documents/${id}/activity`, { claim }).catch(() => { /* the next request says more */ });
          },
        };
        for (const type of ["keydown", "pointerdown", "mousemove", "wheel", "scroll"]) {
          document.addEventListener(type, () => { activity.busy = true; }, { capture: true, passive: true });
        }
        document.addEventListener("visibilitychange", () => {
          if (document.visibilityState === "visible") activity.tick(true);
        });

        // ---------------------------------------------------------------- pages and keys

        /** The page shown: {onKey(event), leave({keepalive})} — one at a time. */
        let currentPage = null;

        /** Shows the page for `location.pathname`. */
        function route() {
          if (currentPage) currentPage.leave({ keepalive: false });
          currentPage = null;
          window.scrollTo(0, 0);
          const match = location.pathname.match(/^\/documents\/([0-9a-f]{16})\/?$/);
          if (match) currentPage = openDocumentPage(match[1]);
          else if (location.pathname === "/") currentPage = openQueuePage();
          else {
            setPageState("missing", "ready");
            app.replaceChildren(
              el("p", {}, "ページがありません。 No such page. ", el("a", { href: "/", text: "一覧へ Queue" })));
          }
        }

        /** Goes to a path without reloading the page (Back still works). */
        function navigate(path) {
          history.pushState(null, "", path);
          route();
        }

        document.addEventListener("keydown", (event) => {
          if (currentPage && currentPage.onKey) currentPage.onKey(event);
        });
        window.addEventListener("popstate", route);
        window.addEventListener("pagehide", () => {
          if (currentPage) currentPage.leave({ keepalive: true });
        });

        /** A letter key pressed with Alt (and nothing else), by its place on the keyboard. */
        function altLetter(event) {
          if (!event.altKey || event.ctrlKey || event.metaKey) return "";
          const match = /^Key([A-Z])$/.exec(event.code || "");
          return match ? match[1] : (event.key || "").toUpperCase();
        }

        /** True while an input method is composing (Enter then confirms the kana-kanji conversion). */
        function composing(event) { return event.isComposing || event.keyCode === 229; }

        """#

    /// Starts the page once the shell has loaded.
    static let scriptStart = #"""
        // ---------------------------------------------------------------- start
        route();

        """#
}
