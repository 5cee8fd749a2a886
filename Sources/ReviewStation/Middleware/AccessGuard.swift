import Foundation
import Hummingbird

/// Who may talk to the station. On a loopback address, only pages addressed to the loopback name (a
/// foreign site renamed to 127.0.0.1 by DNS is refused). On any other address, only holders of the
/// token: `Authorization: Bearer …`, or the cookie the browser gets by opening `/?token=…` once.
struct AccessGuard<Context: RequestContext>: RouterMiddleware {
    /// The token, when the station listens beyond this machine.
    let token: String?
    static var cookieName: String { "rpa_station" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let token else {
            guard Self.isLoopbackName(request.head.authority ?? "") else {
                throw StationError(
                    status: .misdirectedRequest, code: "wrong_host",
                    message: "the station answers only to 127.0.0.1 or localhost")
            }
            return try await next(request, context)
        }
        if request.method == .get, let offered = request.uri.queryParameters["token"].map(String.init) {
            guard Self.same(offered, token) else { throw Self.unauthorized }
            // Swap the token in the address for a cookie the page's script cannot read, and drop it
            // from the address bar and history.
            var response = Response(status: .seeOther, headers: [.location: request.uri.path])
            response.setCookie(
                Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        let bearer = request.headers[.authorization].flatMap { value in
            value.hasPrefix("Bearer ") ? String(value.dropFirst(7)) : nil
        }
        guard let offered = bearer ?? request.cookies[Self.cookieName]?.value, Self.same(offered, token)
        else {
            throw Self.unauthorized
        }
        return try await next(request, context)
    }

    static var unauthorized: StationError {
        StationError(
            status: .unauthorized, code: "unauthorized",
            message:
                "open the address `rpa review serve` printed, with its token, or send Authorization: Bearer")
    }

    /// Whether a request's Host names this machine's loopback address (port aside).
    static func isLoopbackName(_ authority: String) -> Bool {
        let host: Substring
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            host = authority[...end]
        } else {
            host = authority.split(separator: ":", maxSplits: 1).first ?? ""
        }
        return ["127.0.0.1", "localhost", "[::1]"].contains(host.lowercased())
    }

    /// Compares in time that does not depend on where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
