extension StationAssets {
    /// The style sheet: plain CSS, system fonts (Japanese first), a visible focus outline everywhere,
    /// the page image and its zones on the left, the fields on the right.
    static let styleSheet = #"""
        :root {
          --ink: #1d232b;
          --muted: #5b6470;
          --line: #d3d8de;
          --paper: #ffffff;
          --ground: #f2f4f6;
          --bar: #1f3a5f;
          --focus: #0b5fd6;
          --doubt: #c26a00;
          --doubt-bg: #fff6e8;
          --block: #b3261e;
          --block-bg: #fdecea;
          --ok: #1e7b34;
          font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", Meiryo,
            system-ui, sans-serif;
          font-size: 15px;
          line-height: 1.5;
          color: var(--ink);
          background: var(--ground);
        }
        * { box-sizing: border-box; }
        body { margin: 0; }
        h1, h2 { margin: 0; font-weight: 600; }
        h1 { font-size: 1.15rem; }
        h2 { font-size: 1rem; margin: 1rem 0 0.5rem; }
        kbd {
          font-family: ui-monospace, "DejaVu Sans Mono", monospace;
          font-size: 0.8em;
          padding: 0 0.3em;
          border: 1px solid var(--line);
          border-bottom-width: 2px;
          border-radius: 3px;
          background: #f7f8fa;
          color: var(--ink);
          white-space: nowrap;
        }
        .visually-hidden {
          position: absolute; width: 1px; height: 1px; overflow: hidden;
          clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
        }
        :focus-visible, input:focus, button:focus, a:focus {
          outline: 3px solid var(--focus);
          outline-offset: 2px;
        }
        main:focus { outline: none; }
        .loading { padding: 2rem; color: var(--muted); }
        .hint { color: var(--muted); font-size: 0.85rem; margin: 0.25rem 0; }

        /* ------------------------------------------------------------ header bar */
        .bar {
          display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap;
          padding: 0.6rem 1rem; background: var(--bar); color: #fff;
        }
        .bar a { color: #fff; }
        .bar .workflow-name, .bar .reviewer { margin: 0; opacity: 0.9; font-size: 0.9rem; }
        .bar .reviewer { margin-left: auto; }

        /* ------------------------------------------------------------ inputs and buttons */
        input[type="text"] {
          font: inherit; font-size: 1.05rem; padding: 0.35rem 0.5rem; width: 100%;
          border: 1px solid #8c96a3; border-radius: 4px; background: var(--paper); color: var(--ink);
        }
        input[readonly] { background: #eef0f2; color: var(--muted); }
        button {
          font: inherit; padding: 0.4rem 0.8rem; border-radius: 4px; cursor: pointer;
          border: 1px solid #8c96a3; background: var(--paper); color: var(--ink);
        }
        button.primary { background: var(--focus); border-color: var(--focus); color: #fff; font-weight: 600; }
        button.primary kbd { background: rgba(255, 255, 255, 0.9); }
        button[aria-disabled="true"] { background: #9aa5b4; border-color: #9aa5b4; cursor: not-allowed; }
        .link-button { border: none; background: none; color: var(--focus); text-decoration: underline; padding: 0; }

        /* ------------------------------------------------------------ name, notices */
        .name-slot { max-width: 40rem; margin: 0 auto; }
        .reviewer-box { margin: 1rem; padding: 1rem; background: var(--paper); border: 2px solid var(--focus);
          border-radius: 6px; }
        .reviewer-box label { display: block; font-weight: 600; margin-bottom: 0.3rem; }
        .notice:empty { display: none; }
        .notice { padding: 0.4rem 1rem; background: #e7f3ea; color: var(--ok); font-size: 0.9rem; }
        .notice:has(.banner) { padding: 0; background: none; }
        .banner { margin: 1rem; padding: 1rem; background: var(--block-bg); border-left: 5px solid var(--block);
          color: var(--ink); }
        .banner p { margin: 0 0 0.6rem; }
        .error { color: var(--block); padding: 1rem; }

        /* ------------------------------------------------------------ queue page */
        .queue { max-width: 60rem; margin: 0 auto; padding: 0 1rem 1rem; }
        .queue .reviewer { color: var(--muted); }
        .all-clear { padding: 1rem; background: #e7f3ea; color: var(--ok); border-radius: 6px; font-weight: 600; }
        .workflow { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem;
          margin: 1rem 0; }
        .workflow .version, .code { color: var(--muted); font-size: 0.8rem; }
        .summary { margin: 0.3rem 0; }
        .reason-counts { display: flex; flex-wrap: wrap; gap: 0.4rem; list-style: none; padding: 0; margin: 0.4rem 0; }
        .reason-counts li { background: var(--doubt-bg); border: 1px solid #f0d2a8; border-radius: 3px;
          padding: 0 0.4rem; font-size: 0.85rem; }
        .documents { list-style: none; padding: 0; margin: 0.6rem 0 0; }
        .doc-link {
          display: grid; grid-template-columns: 12rem 7rem 1fr 9rem; gap: 0.6rem; align-items: baseline;
          padding: 0.45rem 0.6rem; border-top: 1px solid var(--line); color: var(--ink); text-decoration: none;
        }
        .doc-link:hover { background: #eef4fd; }
        .doc-link:focus { background: #e3eefc; outline-offset: -3px; }
        .doc-link .file { font-weight: 600; }
        .doc-link .reasons, .doc-link .doubtful { font-size: 0.85rem; color: var(--muted); }
        .doc-link .taken-by { font-size: 0.85rem; color: var(--doubt); }
        .doc-link.taken { opacity: 0.6; }
        .empty { color: var(--muted); }

        /* ------------------------------------------------------------ key legend */
        .legend { max-width: 60rem; margin: 1rem auto; padding: 0.4rem 1rem; font-size: 0.85rem; color: var(--muted); }
        .legend h2 { font-size: 0.85rem; margin: 0.3rem 0; }
        .legend dl { display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; margin: 0; }
        .legend dt { margin: 0; }
        .legend dd { margin: 0 0.4rem 0 -0.6rem; }
        .panel .legend { margin: 1.5rem 0 0; padding: 0.4rem 0; border-top: 1px solid var(--line); }

        /* ------------------------------------------------------------ document page */
        .document { display: flex; flex-direction: column; height: 100vh; }
        .doc-layout { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(20rem, 46%) 1fr; }
        .viewer { position: relative; overflow: auto; background: #59626d; padding: 0.6rem; }
        .page { position: relative; margin: 0 0 0.6rem; background: #fff; }
        .page img { display: block; width: 100%; height: auto; }
        .zone { position: absolute; border: 1px solid rgba(11, 95, 214, 0.45); cursor: pointer; }
        .zone.doubtful { border: 2px solid var(--doubt); background: rgba(255, 166, 0, 0.16); }
        .zone.warning { border-color: var(--doubt); }
        .zone.blocking { border: 2px solid var(--block); background: rgba(179, 38, 30, 0.14); }
        .zone.focused {
          border: 3px solid var(--focus); background: rgba(11, 95, 214, 0.14);
          box-shadow: 0 0 0 3px rgba(255, 255, 255, 0.9), 0 0 0 6px var(--focus); z-index: 2;
        }
        .zone-label {
          position: absolute; left: 0; bottom: 100%; font-size: 0.7rem; line-height: 1.2; padding: 0 0.25rem;
          background: var(--doubt); color: #fff; white-space: nowrap; z-index: 3;
        }
        .zone.focused .zone-label { background: var(--focus); }
        .panel { overflow: auto; padding: 0.4rem 1rem 2rem; }
        .panel[aria-busy="true"] { cursor: progress; }
        .problems, .earlier { background: var(--doubt-bg); border-left: 4px solid var(--doubt); padding: 0.3rem 0.8rem;
          margin-top: 0.6rem; font-size: 0.9rem; }
        .problems h2, .earlier h2 { margin: 0.3rem 0; font-size: 0.9rem; }
        .problems ul { margin: 0.2rem 0; padding-left: 1.2rem; }

        .field { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.7rem;
          margin-bottom: 0.6rem; }
        .field.doubtful { border-left: 5px solid var(--doubt); }
        .field.warning { border-left-color: var(--doubt); background: var(--doubt-bg); }
        .field.blocking { border-left: 5px solid var(--block); background: var(--block-bg); }
        .field.confirmed:not(.blocking):not(.warning) { border-left-color: var(--ok); }
        .field:focus-within { box-shadow: 0 0 0 2px var(--focus); }
        .field-head { display: flex; justify-content: space-between; align-items: baseline; gap: 0.5rem; }
        .field-head label .name { font-weight: 600; font-size: 1.05rem; }
        .field-head label .type { color: var(--muted); font-size: 0.8rem; }
        .badges { display: flex; gap: 0.3rem; flex-wrap: wrap; justify-content: flex-end; }
        .badge { font-size: 0.75rem; padding: 0 0.35rem; border-radius: 3px; background: #e8ebef; color: var(--muted); }
        .badge.sensitive { background: #3b3f46; color: #fff; }
        .crop-slot { margin: 0.3rem 0; }
        .crop { display: block; max-width: 100%; max-height: 7rem; border: 1px solid var(--line); background: #fff; }
        .crop.masked { padding: 0.6rem; background: #3b3f46; color: #fff; font-size: 0.85rem; margin: 0; }
        .input-row { display: flex; gap: 0.6rem; align-items: center; }
        .input-row .crop-slot { flex: 0 1 45%; margin: 0; }
        .input-row .crop { max-height: 2.6rem; }
        .options { margin: 0.3rem 0 0; font-size: 0.85rem; color: var(--muted); }
        .option { font-size: 0.85rem; padding: 0.05rem 0.5rem; margin: 0 0.25rem 0.2rem 0; }
        .confirm-row { margin-top: 0.4rem; padding: 0.4rem; border: 1px dashed var(--doubt); border-radius: 4px; }
        .confirm-row label { display: block; font-size: 0.85rem; font-weight: 600; }
        .confirm-status { display: block; font-size: 0.85rem; color: var(--muted); }
        .confirm-status.ok { color: var(--ok); }
        .confirm-status.bad { color: var(--block); font-weight: 600; }
        .readings { display: grid; grid-template-columns: auto 1fr; gap: 0 0.6rem; margin: 0.4rem 0 0;
          font-size: 0.85rem; color: var(--muted); }
        .readings dt { font-weight: 600; }
        .readings dd { margin: 0; overflow-wrap: anywhere; }
        .why { list-style: none; margin: 0; padding: 0; }
        .messages { list-style: none; margin: 0.3rem 0 0; padding: 0; font-size: 0.9rem; }
        .messages:empty { display: none; }
        .messages li { padding: 0.15rem 0.4rem; border-radius: 3px; margin-bottom: 0.15rem; }
        .messages li.blocking { color: var(--block); background: #fff; border: 1px solid var(--block); }
        .messages li.warning { color: #7a4300; background: #fff; border: 1px solid var(--doubt); }
        .messages .hint { font-size: 0.8rem; }
        .doc-messages { margin: 0.4rem 0; }
        /* Fields read with confidence: one compact line each; their readings show while focused. */
        .field:not(.doubtful) { padding: 0.3rem 0.7rem; margin-bottom: 0.35rem; }
        .field:not(.doubtful):not(:focus-within):not(.blocking):not(.warning) .readings { display: none; }
        .field:not(.doubtful) .field-head label .name { font-size: 0.95rem; }

        .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.8rem 0 0.3rem; }
        .accept-why { font-size: 0.85rem; color: var(--muted); margin: 0.2rem 0; }
        .accept-why.blocked { color: var(--block); }
        .action-message:empty { display: none; }
        .action-message { margin: 0.3rem 0; padding: 0.4rem 0.6rem; background: var(--block-bg); color: var(--block);
          border-left: 4px solid var(--block); font-weight: 600; }
        .reason-box { margin: 0.5rem 0; padding: 0.6rem; border: 2px solid var(--focus); border-radius: 6px;
          background: #eef4fd; }
        .reason-box label { display: block; font-weight: 600; }
        .reason-box[data-mode="reject"] { border-color: var(--block); background: var(--block-bg); }
        [hidden] { display: none !important; }

        @media (max-width: 900px) {
          .document { height: auto; }
          .doc-layout { display: block; }
          .viewer { max-height: 60vh; }
          .doc-link { grid-template-columns: 1fr 1fr; }
        }
        @media (prefers-reduced-motion: no-preference) {
          .viewer { scroll-behavior: smooth; }
        }

        """#
}
