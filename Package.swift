// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rpa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rpa", targets: ["rpa"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "OCR", targets: ["OCR"]),
        .library(name: "Ledger", targets: ["Ledger"]),
        .library(name: "Workflow", targets: ["Workflow"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // System libraries, found through pkg-config (Debian: libleptonica-dev, libtesseract-dev).
        .systemLibrary(
            name: "CLeptonica",
            pkgConfig: "lept",
            providers: [.apt(["libleptonica-dev"])]
        ),
        .systemLibrary(
            name: "CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev"])]
        ),
        // ZBar: QR codes printed on forms by online application systems (`type: qr`).
        .systemLibrary(
            name: "CZBar",
            pkgConfig: "zbar",
            providers: [.apt(["libzbar-dev"])]
        ),

        // Imaging's C parts: JPEG pages decoded straight to gray by libjpeg (Debian: libjpeg-dev), a
        // fast page threshold, and glibc's allocator told to keep page buffers.
        .target(
            name: "CImaging",
            dependencies: ["CLeptonica"],
            linkerSettings: [.linkedLibrary("jpeg")]
        ),
        // ONNX Runtime behind a narrow C face: loaded with dlopen from rpa's private folder (after its
        // SHA-256 is checked), with the C header scripts/install-deps.sh puts beside it.
        .target(
            name: "CONNXRuntime",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // What a path is (regular file, folder, device, pipe, link, socket) and how to open one for
        // reading without following a link or waiting on a pipe: shared by every reader and writer.
        .target(name: "FileNodes"),
        // Page loading, clean-up and registration (Leptonica).
        .target(
            name: "Imaging",
            dependencies: ["FileNodes", "CLeptonica", "CImaging"]
        ),
        // Field reading: Tesseract (libtesseract) and the neural recognizer (ONNX Runtime), pools,
        // zones, checkboxes.
        .target(
            name: "OCR",
            dependencies: [
                "Imaging", "CTesseract", "CLeptonica", "CZBar", "CONNXRuntime",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Gregorian and Japanese-era dates: day arithmetic, eras and their boundaries.
        .target(name: "JapaneseCalendar"),
        // RE2, the linear-time regular expression engine (Debian: libre2-dev), behind a C shim: a
        // workflow's regexes run through it so that no pattern can backtrack and hang a run.
        .target(
            name: "CRE2",
            linkerSettings: [.linkedLibrary("re2")]
        ),
        // The workflow language: the YAML file's model and checks, transforms, validators, rules.
        .target(
            name: "Workflow",
            dependencies: ["Imaging", "JapaneseCalendar", "CRE2", .product(name: "Yams", package: "Yams")]
        ),
        // The time-saved ledger: SQLite through GRDB on one machine, PostgreSQL through postgres-nio
        // when several machines share one intake.
        .target(
            name: "Ledger",
            dependencies: [
                "FileNodes", "JapaneseCalendar",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Runs a workflow over a folder: reading, checks, outputs, review queue, ledger counting.
        .target(
            name: "Pipeline",
            dependencies: [
                "FileNodes", "Imaging", "OCR", "Workflow", "Ledger",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The review station: `rpa review serve`, a page in the browser and the JSON API under it
        // (Hummingbird 2), with its HTML, CSS and JavaScript embedded in the binary.
        .target(
            name: "ReviewStation",
            dependencies: [
                "Imaging", "Workflow", "Ledger", "Pipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Sample batches' ground truth and scoring against it (benchmarks and tests).
        .target(name: "Samples", dependencies: ["Pipeline"]),
        // The command-line tool: thin, one file per command.
        .executableTarget(
            name: "rpa",
            dependencies: [
                "Imaging", "OCR", "Ledger", "Workflow", "Pipeline", "Samples", "ReviewStation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Locates the committed fixtures and decodes their ground truth, for every test target.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "CLeptonica", "TestSupport"]),
        .testTarget(name: "OCRTests", dependencies: ["OCR", "Imaging", "TestSupport"]),
        .testTarget(
            name: "LedgerTests",
            dependencies: [
                "Ledger", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "WorkflowTests", dependencies: ["Workflow", "JapaneseCalendar", "TestSupport"]),
        // The rpa binary run as users run it: exit codes, messages, several processes at once.
        .testTarget(name: "CLITests", dependencies: ["rpa", "Ledger", "TestSupport"]),
        .testTarget(
            name: "ReviewStationTests",
            dependencies: [
                "ReviewStation", "Pipeline", "Workflow", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(
            name: "PipelineTests",
            dependencies: ["Pipeline", "Workflow", "Ledger", "Imaging", "OCR", "Samples", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
