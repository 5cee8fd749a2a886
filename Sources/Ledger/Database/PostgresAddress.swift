import Foundation

/// Where a shared ledger's PostgreSQL database is and how to reach it, read from a connection
/// string as libpq reads one: `postgresql://[user@][host][:port][/database][?sslmode=…&host=…]`.
///
/// What the string leaves out comes from the environment as for `psql` (`PGHOST`, `PGPORT`,
/// `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`), and the password from `PGPASSWORD` or
/// the password file (`PGPASSFILE`, else `~/.pgpass`), so that no password need be typed on a
/// command line. A host that starts with `/` is the folder of the server's Unix socket.
package struct PostgresAddress: Sendable, Equatable {
    package enum TLSMode: String, Sendable, Equatable {
        /// Never TLS (the default over a Unix socket).
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS always, without checking the certificate.
        case require
        /// TLS always, the certificate checked against the trusted roots and the host name.
        case verifyFull = "verify-full"
    }

    package var host: String
    package var port: Int
    package var user: String
    package var password: String?
    package var database: String
    package var tls: TLSMode
    /// A file of trusted root certificates (PEM) for `verify-full`; the system's when nil.
    package var rootCertificate: String?

    /// The folder of the Unix socket when `host` is one.
    package var socketFolder: String? { host.hasPrefix("/") ? host : nil }

    /// True for the connection strings this reads.
    package static func isAddress(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads `text`; throws a message naming what is wrong (never the password).
    package init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(LedgerError)
    {
        guard Self.isAddress(text), let components = URLComponents(string: text) else {
            throw .invalidAddress(
                "it is not a connection string of the form postgresql://user@host:port/database")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let environmentValue = { (key: String) in environment[key].flatMap { $0.isEmpty ? nil : $0 } }

        let urlHost = components.percentEncodedHost?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        host = query["host"] ?? urlHost ?? environmentValue("PGHOST") ?? "/var/run/postgresql"
        if let port = components.port {
            self.port = port
        } else if let text = query["port"] ?? environmentValue("PGPORT") {
            guard let port = Int(text), (1...65535).contains(port) else {
                throw .invalidAddress("port '\(text.prefix(20))' is not a port number")
            }
            self.port = port
        } else {
            port = 5432
        }
        user =
            components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
            ?? query["user"] ?? environmentValue("PGUSER") ?? Self.loginName()
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database =
            path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
            ?? query["dbname"] ?? environmentValue("PGDATABASE") ?? user
        let mode = query["sslmode"] ?? environmentValue("PGSSLMODE")
        switch mode {
        case nil: tls = host.hasPrefix("/") ? .disable : .prefer
        case "disable": tls = .disable
        case "allow", "prefer": tls = .prefer
        case "require": tls = .require
        case "verify-ca", "verify-full": tls = .verifyFull
        case .some(let other):
            throw .invalidAddress(
                "sslmode '\(other.prefix(20))' is not one of disable, prefer, require, verify-full")
        }
        rootCertificate = query["sslrootcert"] ?? environmentValue("PGSSLROOTCERT")
        password =
            components.password?.removingPercentEncoding ?? query["password"]
            ?? environmentValue("PGPASSWORD")
        if password == nil {
            let file = environmentValue("PGPASSFILE") ?? environmentValue("HOME").map { $0 + "/.pgpass" }
            if let file { password = PasswordFile.password(in: file, for: self) }
        }
    }

    /// The address as messages and reports show it: no password, ever.
    package var redacted: String {
        let shownHost = host.hasPrefix("/") ? "" : host
        var text = "postgresql://\(user)@\(shownHost):\(port)/\(database)"
        if host.hasPrefix("/") { text += "?host=\(host)" }
        return text
    }

    private static func loginName() -> String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "postgres"
    }
}

/// libpq's password file: lines `host:port:database:user:password`, `*` matching anything, `\:`
/// and `\\` escaped. Like libpq, a file that others may read is ignored.
enum PasswordFile {
    static func password(in path: String, for address: PostgresAddress) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let host = address.host.hasPrefix("/") ? "localhost" : address.host
        let wanted = [host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The line's fields, unescaped.
    private static func split(_ line: Substring) -> [String] {
        var fields = [String]()
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
