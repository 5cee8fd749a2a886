import Foundation
import Imaging
import OCR
import TestSupport
import Testing

@Suite("Engine and pool")
struct EngineTests {
    @Test("the engine loads jpn and eng from the discovered tessdata")
    func loads() throws {
        let engine = try OCREngine()
        #expect(engine.loadedLanguages == ["eng", "jpn"])
        #expect(engine.tessdata.installedLanguages.contains("jpn"))
        #expect(OCREngine.version.hasPrefix("5") || OCREngine.version.hasPrefix("4"))
    }

    @Test("a missing language names the package that installs it")
    func missingLanguage() throws {
        #expect {
            try OCREngine(configuration: OCRConfiguration(languages: ["kor_vert"]))
        } throws: { error in
            "\(error)".contains("sudo apt-get install tesseract-ocr-kor-vert")
        }
    }

    @Test("a wrong tessdata folder is reported with where it looked")
    func wrongTessdata() throws {
        let folder = FileManager.default.temporaryDirectory
        #expect(throws: OCRError.tessdataNotFound(searched: [folder.path])) {
            try OCREngine(configuration: OCRConfiguration(tessdata: folder))
        }
    }

    @Test("whole-page reading finds the card's text")
    func wholePage() throws {
        let engine = try OCREngine()
        let page = try ScannedPage(PageLoader().load(Fixtures.ocr("card_clean.png"))[0])
        let result = try engine.recognize(page.straightenedGray(), language: "jpn", segmentation: .auto)
        #expect(result.text.contains("Hanako"))
        #expect(result.text.filter { !$0.isWhitespace }.contains("山田花子"))
    }

    @Test("a pool of two workers reads in parallel, each with its own engine")
    func pool() async throws {
        let pool = try OCRWorkerPool(workers: 2, configuration: OCRConfiguration(languages: ["eng"]))
        let url = Fixtures.ocr("card_clean.png")
        let results = try await withThrowingTaskGroup(of: (String, UInt).self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await pool.run { recognizers in
                        let page = try ScannedPage(PageLoader().load(url)[0])
                        let zone = try page.extract(Rect(x: 360, y: 401, width: 764, height: 128))
                        let text = try ZoneReader().read(
                            zone, options: ZoneOptions(language: "eng"), recognizers: recognizers
                        ).text
                        return (text, UInt(pthread_self()))
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        pool.shutdown()
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0.0 == "042-754-1111" })
        #expect(Set(results.map(\.1)).count <= 2, "jobs ran on the pool's two threads only")
    }

    @Test("a pool whose engines cannot start says why")
    func poolFailure() throws {
        #expect(throws: OCRError.self) {
            try OCRWorkerPool(workers: 2, configuration: OCRConfiguration(languages: ["kor_vert"]))
        }
    }
}
