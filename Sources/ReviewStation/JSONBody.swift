import Foundation
import Hummingbird

/// The API's JSON: snake_case keys, ISO 8601 dates, bodies of a bounded size.
enum JSONBody {
    /// The largest request body accepted: a document's corrections are a few hundred bytes.
    static let maximumRequestBytes = 64 * 1024

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumRequestBytes)
        } catch {
            throw StationError(
                status: .contentTooLarge, code: "too_large", message: "the request body is too large")
        }
        do {
            return try decoder.decode(T.self, from: Data(buffer: buffer))
        } catch {
            throw StationError.badRequest(
                "the request body is not the JSON this endpoint takes (see docs/review.md)")
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()
}
