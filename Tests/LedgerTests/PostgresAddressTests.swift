import Foundation
import Testing

@testable import Ledger

/// Reading a shared ledger's address as libpq reads one, with the password never in messages.
@Suite("PostgreSQL addresses")
struct PostgresAddressTests {
    @Test("host, port, user, database and TLS from the address; the rest from the environment")
    func parts() throws {
        let address = try PostgresAddress(
            "postgresql://rpa_intake@db.city.local:6432/rpa_ledger?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            environment: [:])
        #expect(address.host == "db.city.local" && address.port == 6432)
        #expect(address.user == "rpa_intake" && address.database == "rpa_ledger")
        #expect(address.tls == .verifyFull && address.rootCertificate == "/etc/ca.pem")
        #expect(address.password == nil)

        let defaults = try PostgresAddress(
            "postgresql:///", environment: ["PGHOST": "/run/pg", "PGUSER": "clerk", "PGPORT": "5433"])
        #expect(defaults.socketFolder == "/run/pg" && defaults.port == 5433)
        #expect(defaults.user == "clerk" && defaults.database == "clerk" && defaults.tls == .disable)

        let socket = try PostgresAddress("postgres://rpa@/t1?host=/tmp/pg", environment: [:])
        #expect(socket.socketFolder == "/tmp/pg" && socket.database == "t1")
    }

    @Test("the password comes from PGPASSWORD or a private password file, and is never shown")
    func password() throws {
        let folder = try TempFolder()
        let file = folder.url.appendingPathComponent("pgpass").path
        try "# comment\nother:5432:*:clerk:wrong\ndb.city.local:5432:rpa_ledger:clerk:s\\:cret\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let text = "postgresql://clerk@db.city.local/rpa_ledger"
        #expect(try PostgresAddress(text, environment: ["PGPASSFILE": file]).password == "s:cret")
        #expect(try PostgresAddress(text, environment: ["PGPASSWORD": "env"]).password == "env")
        // A file others may read is ignored, as libpq ignores it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresAddress(text, environment: ["PGPASSFILE": file]).password == nil)

        let typed = try PostgresAddress(
            "postgresql://clerk:hunter2@db.city.local/rpa_ledger", environment: [:])
        #expect(typed.password == "hunter2")
        #expect(!typed.redacted.contains("hunter2"))
    }

    @Test("a malformed address is refused with what to write")
    func refused() {
        #expect(throws: LedgerError.self) {
            try PostgresAddress("postgresql://db:port/x", environment: [:])
        }
        #expect(throws: LedgerError.self) {
            try PostgresAddress("postgresql://db/x?sslmode=maybe", environment: [:])
        }
    }

    @Test("placeholders are numbered for PostgreSQL, quoted text left alone; scripts split outside bodies")
    func statements() {
        #expect(
            PostgresSQLConnection.numbered("SELECT '?', ? WHERE a = ?1 OR b = ?")
                == "SELECT '?', $1 WHERE a = $1 OR b = $2")
        let parts = PostgresSQLConnection.statements(
            "CREATE TABLE a (x TEXT DEFAULT ';'); CREATE FUNCTION f() RETURNS int AS $$ BEGIN; END $$;")
        #expect(parts.count == 2)
    }
}
