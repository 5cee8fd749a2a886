import Hummingbird

/// Keeps other sites from acting through a reviewer's browser: only GET and POST are served, and a
/// POST must carry `X-RPA-Request: station` and a JSON body (which a cross-site form cannot send
/// without the browser asking the station first, and the station never allows it), and must not
/// come from another origin.
struct CrossSiteGuard<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        switch request.method {
        case .get, .head:
            return try await next(request, context)
        case .post:
            let fetchSite = request.headers[.secFetchSite]
            let origin = request.headers[.origin]
            let sameOrigin = origin == nil || origin == request.head.authority.map { "http://\($0)" }
            guard request.headers[.rpaRequest] == "station",
                request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true,
                fetchSite == nil || fetchSite == "same-origin" || fetchSite == "none", sameOrigin
            else {
                throw StationError(
                    status: .forbidden, code: "cross_site",
                    message: "state-changing requests come from the station's own page only")
            }
            return try await next(request, context)
        default:
            throw StationError(
                status: .methodNotAllowed, code: "method", message: "only GET and POST are served")
        }
    }
}
