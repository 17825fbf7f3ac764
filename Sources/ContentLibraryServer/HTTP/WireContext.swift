//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryOperations
import ContentLibraryServices
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// What every dialect shares: the operation table, the request facts every dialect reads the same
/// way (session token, HTTP Basic credentials, the base of upload URLs), the JSON body, and the
/// mapping of any thrown error to a vAPI error. It owns no rule.
struct WireContext: Sendable {
    let services: Services
    let table: OperationTable
    let externalURL: String?
    /// The `X-Forwarded-*` headers of a proxy in front, believed only with `--trust-forwarded-headers`.
    let forwarded: ForwardedHeaders
    /// `https` when the server speaks TLS, else `http`: the scheme of the upload URLs it hands out.
    let scheme: String
    let logger: Logger
    /// The largest JSON body accepted (`ServerLimits.maxJSONBodySize`).
    let maxBody: Int

    init(
        services: Services, externalURL: String?, forwarded: ForwardedHeaders = ForwardedHeaders(trusted: false), scheme: String,
        maxBody: Int, logger: Logger
    ) {
        self.services = services
        self.table = OperationTable(services: services)
        self.externalURL = externalURL
        self.forwarded = forwarded
        self.scheme = scheme
        self.maxBody = maxBody
        self.logger = logger
    }

    /// The facts of an HTTP request: token by header `vmware-api-session-id` or the cookie of that
    /// name, credentials by `Authorization: Basic`.
    func facts(_ request: Request, _ context: ServerRequestContext) -> RequestFacts {
        RequestFacts(
            sessionToken: Self.sessionToken(request), credentials: Self.basicCredentials(request), uploadBase: self.uploadBase(request),
            clientAddress: self.forwarded.clientAddress(request, context)
        )
    }

    static func sessionToken(_ request: Request) -> String? {
        request.headers[HTTPField.Name("vmware-api-session-id")!] ?? Self.cookie("vmware-api-session-id", in: request)
    }

    /// The value of the cookie `name` of a request, surrounding quotes removed; `nil` when not sent.
    static func cookie(_ name: String, in request: Request) -> String? {
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let parts = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == name { return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }

    /// The user and password of an `Authorization: Basic` header.
    static func basicCredentials(_ request: Request) -> Credentials {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            return .missing(hint: "Log in with HTTP Basic authentication (Authorization: Basic base64(user:password)).")
        }
        return .given(user: String(text[..<colon]), password: String(text[text.index(after: colon)...]))
    }

    /// The base of upload and download URLs: the configured external URL, else the scheme and
    /// host the client used (a trusted proxy's `X-Forwarded-Proto`/`X-Forwarded-Host`, or the
    /// request's own `Host`).
    func uploadBase(_ request: Request) -> String {
        if let externalURL { return externalURL }
        return self.forwarded.base(of: request, scheme: self.scheme)
    }

    /// The JSON body; `nil` when empty. Malformed JSON is `InvalidArgument` with `describe`'s text.
    func jsonBody(_ request: Request, describe: (String) -> String) async throws -> JSONValue? {
        var request = request
        let buffer = try await request.collectBody(upTo: self.maxBody)
        guard buffer.readableBytesView.contains(where: { !Self.isWhitespace($0) }) else { return nil }
        do {
            return try JSONValue(data: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", describe(OperationInputError.describe(error)))
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    /// The vAPI error a thrown error stands for: APIError as it is, an input field as
    /// `InvalidArgument` (worded by `input`), a body over `maxBody` as `InvalidArgument` naming the
    /// limit (logged at info: the client's fault), anything else as `InternalServerError` whose
    /// text carries a reference to the log line, never the server's internal types.
    func apiError(_ error: any Error, input: (OperationInputError) -> APIError = Self.inputError) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as OperationInputError:
            return input(error)
        case _ where Self.isTooLarge(error):
            self.logger.info("request body over the limit", metadata: ["limit": "\(self.maxBody)"])
            return APIError(
                .invalidArgument, id: "com.vmware.vapi.rest.requestTooLarge",
                "The request body is larger than the server's limit max_json_body_size of \(self.maxBody) bytes.",
                args: [String(self.maxBody)]
            )
        default:
            let reference = UUID().uuidString
            self.logger.error("internal error", metadata: ["error": "\(String(reflecting: error))", "reference": "\(reference)"])
            return APIError(
                .internalServerError, id: "com.vmware.content.internal_error",
                "The server failed to process the request; its log has the details under reference \(reference).", args: [reference]
            )
        }
    }

    /// Whether `error` is a request body over the limit (Hummingbird's or NIO's way of saying so).
    static func isTooLarge(_ error: any Error) -> Bool {
        if error is NIOTooManyBytesError { return true }
        if let error = error as? HTTPError, error.status == .contentTooLarge { return true }
        return false
    }

    /// The error response of `dialect` for any thrown error: its vAPI error (`apiError`), with
    /// the status of the error's kind, except 413 for a body over the limit.
    func response<Dialect: WireDialect>(
        _ dialect: Dialect.Type, for error: any Error, input: (OperationInputError) -> APIError = Self.inputError
    ) -> Response {
        var response = Dialect.error(self.apiError(error, input: input))
        if Self.isTooLarge(error) { response.status = .contentTooLarge }
        return response
    }

    /// An input field as REST and legacy `/rest` report it.
    static func inputError(_ error: OperationInputError) -> APIError {
        switch error {
        case .missing(let name):
            APIError(.invalidArgument, id: "com.vmware.vapi.rest.missingParameter", "The request needs the parameter '\(name)'.", args: [name])
        case .invalid(let name, let detail):
            APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The parameter '\(name)' is not valid: \(detail).", args: [name])
        }
    }

    /// The `/api` error response for any error.
    func error(_ error: any Error) -> Response {
        self.response(RESTDialect.self, for: error)
    }

    /// A JSON response of a model with the vAPI coders.
    static func json(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        let data = (try? VAPIJSON.encoder().encode(value)) ?? Data("null".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The error for a path or method no operation is served at.
    static func noOperation(_ method: HTTPRequest.Method, _ path: String) -> APIError {
        APIError(
            .operationNotFound, id: "com.vmware.vapi.rest.operationNotFound", "No operation is served at \(method.rawValue) \(path).",
            args: [method.rawValue, path]
        )
    }
}
