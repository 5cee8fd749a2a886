import Foundation
import Hummingbird

/// The station's routes: two pages (one HTML shell), their script and style, and the JSON API
/// documented in docs/review.md.
enum StationRoutes {
    static func add(to router: Router<BasicRequestContext>, desk: ReviewDesk) {
        router.get("/") { _, _ in page() }
        // Browsers ask for an icon on every page; there is none, and "none" is not an error.
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/documents/:id") { _, context in
            _ = try documentID(context)
            return page()
        }
        router.get("/assets/station.js") { _, _ in
            asset(StationAssets.script, type: "text/javascript; charset=utf-8")
        }
        router.get("/assets/station.css") { _, _ in
            asset(StationAssets.style, type: "text/css; charset=utf-8")
        }

        let api = router.group("api")
        api.get("queue") { _, _ in try JSONBody.response(await desk.queue()) }
        api.get("documents/:id") { _, context in
            try JSONBody.response(try await desk.document(documentID(context)))
        }
        api.post("documents/:id/claim") { request, context in
            let body = try await JSONBody.decode(ClaimRequest.self, from: request)
            return try JSONBody.response(try await desk.claim(documentID(context), reviewer: body.reviewer))
        }
        api.post("documents/:id/activity") { request, context in
            let body = try await JSONBody.decode(HeldRequest.self, from: request)
            let seconds = try await desk.activity(documentID(context), claim: body.claim)
            return try JSONBody.response(["active_seconds": (seconds * 10).rounded() / 10])
        }
        api.post("documents/:id/release") { request, context in
            let body = try await JSONBody.decode(HeldRequest.self, from: request)
            try await desk.release(documentID(context), claim: body.claim)
            return Response(status: .noContent)
        }
        api.post("documents/:id/check") { request, context in
            let body = try await JSONBody.decode(CheckRequest.self, from: request)
            return try JSONBody.response(
                try await desk.check(
                    documentID(context), claim: body.claim, values: body.values ?? [:],
                    confirmations: body.confirmations ?? [:]))
        }
        api.post("documents/:id/reveal") { request, context in
            let body = try await JSONBody.decode(RevealRequest.self, from: request)
            let value = try await desk.reveal(documentID(context), claim: body.claim, field: body.field)
            return try JSONBody.response(["value": value])
        }
        api.post("documents/:id/resolution") { request, context in
            let body = try await JSONBody.decode(ResolutionRequest.self, from: request)
            return try JSONBody.response(try await desk.resolve(documentID(context), body))
        }
        api.get("documents/:id/pages/:page") { _, context in
            let number = try imageNumber(context, "page")
            return png(try await desk.pageImage(documentID(context), page: number))
        }
        api.get("documents/:id/fields/:field/crop.png") { request, context in
            let index = try number(context.parameters.get("field"))
            let claim = request.headers[.rpaClaim]
            return png(try await desk.crop(documentID(context), field: index, claim: claim))
        }
    }

    /// A document id: exactly the 16 lowercase hex digits of its review item, nothing else.
    static func documentID(_ context: BasicRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), id.count == 16,
            id.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
        else { throw StationError.badRequest("a document id is 16 hex digits, as the queue gives it") }
        return id
    }

    /// `3.png` → 3.
    static func imageNumber(_ context: BasicRequestContext, _ name: String) throws -> Int {
        guard let text = context.parameters.get(name), text.hasSuffix(".png") else {
            throw StationError.notFound("such image")
        }
        return try number(String(text.dropLast(4)))
    }

    static func number(_ text: String?) throws -> Int {
        guard let text, (1...3).contains(text.count), text.allSatisfy(\.isASCII), let value = Int(text),
            value >= 0
        else { throw StationError.badRequest("an image is named by a small number") }
        return value
    }

    static func page() -> Response { asset(StationAssets.html, type: "text/html; charset=utf-8") }

    static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func png(_ data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: "image/png"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
