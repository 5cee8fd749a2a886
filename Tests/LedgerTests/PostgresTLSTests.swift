import Foundation
import TestSupport
import Testing

@testable import Ledger

/// A shared ledger reached over the network as a scanning PC reaches it: TCP, TLS, a password from
/// the password file. The server is a private one with a self-signed certificate for `localhost`.
@Suite("Shared ledger over TLS")
struct PostgresTLSTests {
    /// A ledger on a new database of the TLS server, reached over TCP with `query` and `environment`.
    private func open(_ query: String, environment: [String: String]) throws -> Ledger {
        let cluster = try PostgresCluster.withTLS.get()
        let database = try PostgresAddress(cluster.createDatabase(), environment: [:]).database
        let text = "postgresql://rpa@localhost:\(cluster.port)/\(database)?\(query)"
        return Ledger(
            store: try PostgresStore(address: PostgresAddress(text, environment: environment)),
            ownedFolder: nil)
    }

    @Test("verify-full against the server's certificate, the password from a password file")
    func verifiedWithPasswordFile() throws {
        let cluster = try PostgresCluster.withTLS.get()
        let folder = try TempFolder()
        let file = folder.url.appendingPathComponent("pgpass").path
        try "localhost:\(cluster.port):*:rpa:\(PostgresCluster.password)\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let certificate = try #require(cluster.certificate).path
        let ledger = try open(
            "sslmode=verify-full&sslrootcert=\(certificate)", environment: ["PGPASSFILE": file])
        try ledger.register(rule: try Fixture.juminidoRule())
        try ledger.record(Fixture.entry("tls", at: try Fixture.tokyo(2024, 9, 2)))
        #expect(try ledger.documentCount() == 1)
        #expect(try ledger.verify().isIntact)
    }

    @Test("require encrypts without checking the certificate; verify-full refuses one it cannot trust")
    func untrustedCertificate() throws {
        let password = ["PGPASSWORD": PostgresCluster.password]
        #expect(try open("sslmode=require", environment: password).documentCount() == 0)
        do {
            _ = try open("sslmode=verify-full", environment: password)
            Issue.record("a self-signed certificate must not pass verify-full without sslrootcert")
        } catch let error as LedgerError {
            guard case .unreachable = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
        }
    }

    @Test("a wrong password is refused as unreachable, and the message never holds a password")
    func wrongPassword() throws {
        do {
            _ = try open("sslmode=require", environment: ["PGPASSWORD": "not-the-password"])
            Issue.record("a wrong password must be refused")
        } catch let error as LedgerError {
            guard case .unreachable = error else {
                Issue.record("expected unreachable, got \(error)")
                return
            }
            #expect(!error.description.contains("not-the-password"))
            #expect(!error.description.contains(PostgresCluster.password))
        }
    }
}
