/// The review station's browser side, embedded in the binary: one HTML shell for both pages, one
/// script and one style sheet. Nothing is fetched from elsewhere (city networks are offline) and
/// nothing is inline, so the page runs under the station's Content-Security-Policy
/// (`script-src 'self'; style-src 'self'`).
///
/// The script decides the page from `location.pathname`: `/` is the queue, `/documents/{id}` one
/// document. It is written in plain browser JavaScript (no build step) and split by page across
/// `StationScript+*.swift`; the style is in `StationStyle.swift`.
package enum StationAssets {
    /// The shell: the script fills `#app`.
    package static let html = #"""
        <!doctype html>
        <html lang="ja">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>審査 — rpa review station</title>
        <link rel="stylesheet" href="/assets/station.css">
        <script src="/assets/station.js" defer></script>
        </head>
        <body data-page="" data-state="loading">
        <main id="app" tabindex="-1"><p class="loading">読み込み中… Loading…</p></main>
        <div id="live" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
        <noscript><p>このページには JavaScript が必要です。 JavaScript is required.</p></noscript>
        </body>
        </html>

        """#

    /// All the JavaScript, in one strict-mode function so nothing leaks into the page's globals.
    package static let script =
        "\"use strict\";\n(() => {\n"
        + [scriptCommon, scriptQueue, scriptDocumentView, scriptDocument, scriptStart].joined(separator: "\n")
        + "\n})();\n"

    /// All the CSS.
    package static let style = styleSheet
}
