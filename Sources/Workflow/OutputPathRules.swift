import Foundation

/// What an output may not write over: another output, the review queue, the run-state folder
/// (`.rpa`), the template image, the workflow file, and the time-saved ledger (any SQLite file, the
/// ledger's default name, and at run time the ledger actually opened, with its `-wal`, `-shm` and
/// `-journal` files). An output file is rewritten whole on every run, so writing it over any of
/// these destroys it (a CSV written over the ledger leaves "database disk image is malformed").
///
/// Paths are compared as the output writer resolves them: relative to the output root, with
/// `{date}` standing for any day (`2026-12-01`), ignoring case and Unicode composition (a
/// case-insensitive disk stores `Out.csv` and `out.csv` as one file), and a path that is the folder
/// of another counts as a collision too (one cannot be both a file and a folder).
enum OutputPathRules {
    /// One refused output: its index in `outputs` and what to do.
    struct Conflict: Equatable {
        var index: Int
        var message: String
    }

    static let sqliteSuffixes = [".sqlite", ".sqlite-wal", ".sqlite-shm", ".sqlite-journal"]
    static let defaultLedgerName = "rpa-ledger.sqlite"
    static let stateFolder = ".rpa"

    /// The conflicts of `outputs` with one another, the review queue (`queue`, relative to the
    /// root), the run-state folder and SQLite names; and, when given, with the files at `protected`
    /// (absolute URLs, each with what it is) once the outputs are resolved against `root`.
    static func conflicts(
        outputs: [String], queue: String, root: URL?, protected: [(url: URL, what: String)]
    ) -> [Conflict] {
        var found: [Conflict] = []
        let paths = outputs.map(components)
        let queuePath = components(queue)
        let rootParts = root.map { canonicalComponents($0) }
        for (index, path) in paths.enumerated() {
            func refuse(_ message: String) { found.append(Conflict(index: index, message: message)) }
            guard let name = path.last else {
                refuse("an output needs a file name, e.g. out/form.csv")
                continue
            }
            let lowered = fold(name)
            if sqliteSuffixes.contains(where: { lowered.hasSuffix($0) }) || lowered == defaultLedgerName {
                refuse(
                    "an output may not be an SQLite file (.sqlite, -wal, -shm, -journal): it could overwrite the time-saved ledger; name it .csv or .jsonl"
                )
                continue
            }
            if fold(path[0]) == stateFolder {
                refuse("the .rpa folder holds the runs' state; write outputs elsewhere, e.g. out/form.csv")
                continue
            }
            if !queuePath.isEmpty && overlaps(path, queuePath) {
                refuse(
                    "this output lies in the review queue's folder (or holds it); write it elsewhere, e.g. out/form.csv, or change review.queue"
                )
                continue
            }
            if let earlier = paths[..<index].firstIndex(where: { overlaps(path, $0) }) {
                refuse(
                    "this output and output \(earlier + 1) write to the same file (or one is the other's folder); give each output its own file"
                )
                continue
            }
            guard let rootParts else { continue }
            for (url, what) in protected {
                let target = canonicalComponents(url)
                guard target.count > rootParts.count,
                    zip(rootParts, target).allSatisfy({ fold($0) == fold($1) })
                else { continue }
                if overlaps(path, Array(target[rootParts.count...])) {
                    refuse("this output would overwrite \(what); write it elsewhere, e.g. out/form.csv")
                    break
                }
            }
        }
        return found
    }

    /// The path's parts, without empty and `.` parts.
    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    /// An absolute URL's parts with symbolic links resolved in the part of it that exists, so that a
    /// link to the output root or the ledger's folder is seen through.
    static func canonicalComponents(_ url: URL) -> [String] {
        var existing = url.standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        return components(existing.resolvingSymlinksInPath().path) + missing
    }

    /// A part as compared: composed Unicode, lower case.
    static func fold(_ part: String) -> String {
        part.precomposedStringWithCanonicalMapping.lowercased()
    }

    /// Whether two paths name the same file, or one is a folder holding the other.
    static func overlaps(_ a: [String], _ b: [String]) -> Bool {
        zip(a, b).allSatisfy { partsMatch($0, $1) }
    }

    /// Whether two parts can name the same file, `{date}` standing for any day.
    static func partsMatch(_ a: String, _ b: String) -> Bool {
        let a = fold(a)
        let b = fold(b)
        let placeholder = "{date}"
        switch (a.contains(placeholder), b.contains(placeholder)) {
        case (false, false): return a == b
        case (true, true):
            // Both written for the same day: equal for every day when equal for one.
            return a.replacingOccurrences(of: placeholder, with: "2000-01-01")
                == b.replacingOccurrences(of: placeholder, with: "2000-01-01")
        case (true, false): return matchesDay(b, pattern: a)
        case (false, true): return matchesDay(a, pattern: b)
        }
    }

    /// Whether `text` is `pattern` with each `{date}` replaced by a day written as 2026-12-01.
    private static func matchesDay(_ text: String, pattern: String) -> Bool {
        let pieces = pattern.components(separatedBy: "{date}")
        var rest = Substring(text)
        for (number, piece) in pieces.enumerated() {
            guard rest.hasPrefix(piece) else { return false }
            rest = rest.dropFirst(piece.count)
            if number == pieces.count - 1 { break }
            let day = Array(rest.prefix(10))
            let shape = Array("0000-00-00")
            guard day.count == 10,
                zip(day, shape).allSatisfy({ $1 == "-" ? $0 == "-" : ($0.isASCII && $0.isNumber) })
            else { return false }
            rest = rest.dropFirst(10)
        }
        return rest.isEmpty
    }
}

extension Workflow {
    /// Why this workflow's outputs must not be written under `root` in this run, one message each
    /// (empty when they are safe): an output that would overwrite the ledger the run opens (or its
    /// `-wal`, `-shm` or `-journal` file), the template image or the workflow file under that root,
    /// besides everything the loader already refuses (two outputs to one file, the review queue,
    /// the `.rpa` state folder, SQLite file names).
    ///
    /// The loader cannot know the live ledger or the output root, which come from the command
    /// line; call this before a run writes anything and stop the run when it returns messages.
    /// - Parameters:
    ///   - root: the output root the run resolves outputs against.
    ///   - ledgerPath: the ledger as the run opens it (`--ledger`); `nil` means the default,
    ///     `$RPA_LEDGER` else `rpa-ledger.sqlite`. A relative path is taken from `currentDirectory`.
    ///   - environment: where `RPA_LEDGER` is looked up.
    ///   - currentDirectory: the folder relative ledger paths start from.
    public func outputConflicts(
        root: URL, ledgerPath: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(
            fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    ) -> [String] {
        let ledgerName =
            ledgerPath ?? environment["RPA_LEDGER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? OutputPathRules.defaultLedgerName
        let ledger =
            ledgerName.hasPrefix("/")
            ? URL(fileURLWithPath: ledgerName) : currentDirectory.appendingPathComponent(ledgerName)
        var protected: [(url: URL, what: String)] = [
            (template.image, "the template image"), (file, "the workflow file"),
        ]
        for suffix in ["", "-wal", "-shm", "-journal"] {
            protected.append(
                (URL(fileURLWithPath: ledger.path + suffix), "the time-saved ledger (or one of its files)"))
        }
        let conflicts = OutputPathRules.conflicts(
            outputs: outputs.map(\.path), queue: review.queue, root: root, protected: protected)
        var messages = conflicts.map { "outputs: '\(outputs[$0.index].path)': \($0.message)" }
        // The same file under another name (a hard link, a case-insensitive disk): same identity.
        for output in outputs where !output.path.contains("{date}") {
            let target = root.appendingPathComponent(output.path)
            guard let identity = Self.identity(of: target) else { continue }
            for (url, what) in protected where Self.identity(of: url) == identity {
                let message =
                    "outputs: '\(output.path)': this output is \(what) under another name; write it elsewhere"
                if !messages.contains(message) { messages.append(message) }
            }
        }
        return messages
    }

    /// A file's device and inode numbers, if it exists.
    private static func identity(of url: URL) -> [Int]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let device = (attributes[.systemNumber] as? NSNumber)?.intValue,
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue
        else { return nil }
        return [device, inode]
    }
}
