//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The REST `/api` codec: decodes a request's parts, calls a service, encodes the answer, and
/// turns every error into a vAPI error body. It owns no rule.
struct RESTResponder: Sendable {
    let services: Services
    let externalURL: String?
    let logger: Logger

    /// The largest JSON body accepted.
    static let maxBody = 4 << 20

    /// The caller of an authenticated request (header `vmware-api-session-id`).
    func caller(_ request: Request) async throws -> Caller {
        try await self.services.auth.authenticate(token: Self.sessionToken(request))
    }

    static func sessionToken(_ request: Request) -> String? {
        if let token = request.headers[HTTPField.Name("vmware-api-session-id")!] { return token }
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let parts = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "vmware-api-session-id" { return parts[1] }
        }
        return nil
    }

    /// Decodes the JSON body; a missing or malformed body is `InvalidArgument`.
    func body<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        guard let value = try await self.optionalBody(type, request) else {
            throw APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The request needs a JSON body.")
        }
        return value
    }

    /// Decodes an optional JSON body: empty means `nil`.
    func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        var request = request
        let buffer = try await request.collectBody(upTo: Self.maxBody)
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try VAPIJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The request body is not valid: \(Self.describe(error)).")
        }
    }

    /// The base of upload URLs: the configured external URL, else the request's own host.
    func uploadBase(_ request: Request) -> String {
        if let externalURL { return externalURL }
        let host = request.head.authority ?? "localhost"
        return "http://" + host
    }

    /// Runs `body` and encodes its result with `status`, or the error it throws, in the `/api` dialect.
    func respond<T: Encodable>(_ status: HTTPResponse.Status = .ok, _ body: () async throws -> T) async -> Response {
        await self.respond(in: RESTDialect.self, status, body)
    }

    /// Runs `body`, answering 204 with no content, or the error it throws, in the `/api` dialect.
    func respondVoid(_ body: () async throws -> Void) async -> Response {
        await self.respondVoid(in: RESTDialect.self, body)
    }

    /// Runs `body` and encodes its result with `status`, or the error it throws, in `dialect`.
    func respond<D: WireDialect, T: Encodable>(
        in dialect: D.Type, _ status: HTTPResponse.Status = .ok, _ body: () async throws -> T
    ) async -> Response {
        do {
            let value = try await body()
            return D.value(value, status: status)
        } catch {
            return D.error(self.apiError(error))
        }
    }

    /// Runs `body`, answering as `dialect` does for a void operation, or with the error it throws.
    func respondVoid<D: WireDialect>(in dialect: D.Type, _ body: () async throws -> Void) async -> Response {
        do {
            try await body()
            return D.void()
        } catch {
            return D.error(self.apiError(error))
        }
    }

    /// The `/api` error response for any error: APIError as it is, anything else as an internal error.
    func error(_ error: any Error) -> Response {
        RESTDialect.error(self.apiError(error))
    }

    /// The vAPI error a thrown error stands for: APIError as it is, an oversized body as
    /// `InvalidArgument`, anything else (logged) as `InternalServerError`.
    func apiError(_ error: any Error) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? HTTPError, error.status == .contentTooLarge {
            return APIError(.invalidArgument, id: "com.vmware.vapi.rest.requestTooLarge", "The request body is larger than \(Self.maxBody) bytes.")
        }
        self.logger.error("internal error", metadata: ["error": "\(String(reflecting: error))"])
        return APIError(.internalServerError, id: "com.vmware.content.internal_error", "The server failed to process the request: \(error).")
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? VAPIJSON.encoder().encode(value)) ?? Data("null".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A short account of a decoding error: the field path and what was wrong.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "field '\(path)': ") + context.debugDescription
        default:
            return "\(error)"
        }
    }
}
