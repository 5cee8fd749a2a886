import Hummingbird

/// Refuses any request whose path could name something outside the station's routes: `..` in any
/// spelling, encoded slashes or backslashes, NUL. Ids and image paths are checked again where used.
struct PathGuard<Context: RequestContext>: RouterMiddleware {
    static func refuses(_ rawPath: String) -> Bool {
        let path = rawPath.lowercased()
        return ["..", "%2e", "%2f", "%5c", "\\", "%00", "//"].contains { path.contains($0) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let raw = request.uri.string.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
        guard !Self.refuses(raw) else {
            throw StationError.badRequest("this path is not one the station serves")
        }
        return try await next(request, context)
    }
}
