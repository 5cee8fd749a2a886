/// The report page's style sheet, inlined so the file needs nothing else to open.
enum HTMLStyle {
    static let css = """
        :root { --ink: #1d2733; --muted: #5b6878; --line: #d5dbe3; --bar: #2f6db5; --met: #2e8b57;
          --below: #d9822b; --target: #c0392b; }
        * { box-sizing: border-box; }
        body { margin: 24px 32px; color: var(--ink); background: #fff;
          font-family: "Noto Sans CJK JP", "IPAexGothic", "IPAGothic", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif;
          font-size: 14px; line-height: 1.5; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        .period { color: var(--muted); margin: 0 0 16px; }
        .cards { display: flex; gap: 12px; flex-wrap: wrap; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 200px; }
        .card .value { font-size: 24px; font-weight: bold; }
        .card .name { color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; margin: 4px 0 8px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #f3f5f8; font-weight: 600; font-size: 12px; }
        td.mark { text-align: center; font-weight: bold; }
        .m-met { color: var(--met); } .m-below { color: var(--below); } .m-stopped { color: var(--target); }
        table.review-times td.summary { white-space: normal; min-width: 320px; }
        table.review-times th:nth-child(2), table.review-times td:nth-child(2),
        table.review-times th:last-child, table.review-times td:last-child { text-align: left; }
        table.review-times tr.off td { background: #fdf1e6; } table.review-times tr.off td.summary { color: var(--below); font-weight: bold; }
        svg.chart { width: 100%; max-width: 1000px; height: auto; display: block; }
        svg .bar { fill: var(--bar); } svg .bar.met { fill: var(--met); } svg .bar.below { fill: var(--below); }
        svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis { stroke: var(--ink); stroke-width: 1; }
        svg .target { fill: none; stroke: var(--target); stroke-width: 2.5; stroke-dasharray: 8 4; }
        svg text { font-size: 12px; fill: var(--ink); } svg .tick, svg .unit { fill: var(--muted); }
        svg .year { font-size: 11px; fill: var(--muted); } svg .none { fill: var(--target); }
        svg .target-label { fill: var(--target); font-weight: bold; }
        .legend span { display: inline-block; margin-right: 16px; color: var(--muted); font-size: 12px; }
        .swatch { display: inline-block; width: 14px; height: 10px; margin-right: 4px; vertical-align: middle; }
        footer { margin-top: 28px; color: var(--muted); font-size: 12px; }
        code { font-size: 11px; word-break: break-all; }
        @media print { body { margin: 10mm; } h2 { break-after: avoid; } }
        """
}
