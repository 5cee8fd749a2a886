import FileNodes
import Foundation

extension Ledger {
    /// Records a workflow's display name for reports. Documents and rules are counted under the
    /// workflow id, which never changes; the name is a label and may be renamed freely.
    public func label(workflow id: String, name: String, at time: Date = Date()) throws(LedgerError) {
        try Validate.name(id, field: "workflow id")
        try Validate.name(name, field: "workflow name")
        try write("record a workflow's name") { db in
            try db.execute(
                """
                INSERT INTO workflow_labels (workflow, name, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (workflow) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at
                WHERE workflow_labels.name <> excluded.name
                """, [id, name, TokyoTime.timestamp(time)])
        }
    }

    /// True when this ledger counted the workflow under its display name `name` (the layout before
    /// workflow ids) and has nothing under `id` yet: counting on would count every document again.
    public func countsUnderDisplayName(id: String, name: String) throws(LedgerError) -> Bool {
        guard id != name else { return false }
        return try read("look up a workflow's rules") { db in
            let count = { (key: String) in
                (try db.scalar("SELECT COUNT(*) FROM savings_rules WHERE workflow = ?", [key]) as Int?) ?? 0
            }
            return try count(name) > 0 && count(id) == 0
        }
    }
}

extension Ledger {
    /// Opens a private copy of the ledger at `path` (with its write-ahead log), for checks and reports
    /// that must leave the original's bytes untouched: an auditor's read-only copy, a file on a
    /// read-only share. A link is followed; the file it leads to must be a regular SQLite file, read
    /// through one descriptor opened read-only, and anything else (a device, a pipe, a folder, an
    /// empty file) is refused before SQLite opens anything. Messages name the original; the copy is
    /// removed when the ledger is released. A PostgreSQL ledger is opened as it is: its reads take
    /// snapshots and change nothing.
    public static func openCopy(of path: String) throws(LedgerError) -> Ledger {
        if PostgresAddress.isAddress(path) { return try Ledger(path: path) }
        guard let original = FileNode.resolved(path) else {
            if errno == ENOENT { throw .ledgerMissing(path: path) }
            throw .storage(path: path, action: "find the ledger", reason: String(cString: strerror(errno)))
        }
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("rpa-ledger-copy-\(UUID().uuidString)")
        let copy = folder.appendingPathComponent("ledger.sqlite").path
        do {
            try manager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .storage(path: path, action: "make a private copy to read it", reason: "\(error)")
        }
        do {
            try copyFile(original, named: path, to: copy, header: true)
            var info = stat()
            if lstat(original + "-wal", &info) == 0 {
                try copyFile(original + "-wal", named: path + "-wal", to: copy + "-wal", header: false)
            }
            return Ledger(store: try SQLiteStore(filePath: copy, name: path), ownedFolder: folder)
        } catch {
            try? manager.removeItem(at: folder)
            throw error
        }
    }

    /// SQLite's first 16 bytes.
    private static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Copies the regular file at `source` (already resolved) to a new 0600 file `target`, from one
    /// descriptor opened read-only; with `header`, it must start as an SQLite database does.
    private static func copyFile(_ source: String, named name: String, to target: String, header: Bool)
        throws(LedgerError)
    {
        let input: Int32
        do {
            input = try FileNode.openRegularFile(source)
        } catch {
            switch error {
            case .notAFile(let node): throw .notAFile(path: name, kind: node.words)
            case .failed(let code):
                throw .storage(path: name, action: "open it to read", reason: String(cString: strerror(code)))
            }
        }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else {
            throw .storage(
                path: name, action: "make a private copy to read it", reason: String(cString: strerror(errno))
            )
        }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw .storage(path: name, action: "read it", reason: String(cString: strerror(errno)))
            }
            if header && first
                && (count < sqliteHeader.count || Array(buffer[0..<sqliteHeader.count]) != sqliteHeader)
            {
                throw .corrupt(path: name)
            }
            first = false
            if count == 0 { return }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { bytes in
                    Glibc.write(output, bytes.baseAddress.map { $0 + offset }, count - offset)
                }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    throw .storage(
                        path: name, action: "make a private copy to read it",
                        reason: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }
}
