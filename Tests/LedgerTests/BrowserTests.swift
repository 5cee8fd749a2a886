import Foundation
import Testing

@testable import Ledger

/// The HTML report opened in a real headless browser (Debian's `chromium` package).
@Suite("HTML report in a real browser")
struct BrowserTests {
    static let chromium: String? = {
        let candidates = [
            ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser",
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    @Test(
        "headless Chromium renders the report to a screenshot",
        .enabled(
            if: chromium != nil,
            "chromium is not installed (apt-get install -y chromium); skipping the browser check"),
        .timeLimit(.minutes(2)))
    func screenshot() throws {
        let browser = try #require(Self.chromium)
        let folder = try TempFolder()
        let page = folder.url.appendingPathComponent("report.html")
        let png = folder.url.appendingPathComponent("report.png")
        try Data(ReportFormat.html.render(try SampleReport.make(in: folder)).utf8).write(to: page)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(png.path)",
            "--window-size=1200,1600", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()

        let data = try Data(contentsOf: png)
        #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // A blank 1200×1600 page compresses to a few KiB; charts, tables and text make it far larger.
        #expect(data.count > 40_000, "screenshot is only \(data.count) bytes: the page may not have rendered")
    }
}
