//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A REST `/api` client over the test router: it sends the session token, JSON bodies, and
/// decodes answers.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    /// The `vmware-api-session-id` sent with each request, once logged in.
    var token: String?

    static let sessionHeader = HTTPField.Name("vmware-api-session-id")!

    /// Sends a request with an optional raw body.
    @discardableResult
    func send(
        _ method: HTTPRequest.Method, _ uri: String, body: ByteBuffer? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        if let token, headers[Self.sessionHeader] == nil { headers[Self.sessionHeader] = token }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return try await self.client.execute(uri: uri, method: method, headers: headers, body: body)
    }

    /// Sends a request whose body is `json` (a JSON text).
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await self.send(method, uri, body: ByteBuffer(string: json), headers: headers)
    }

    /// Sends a request whose body is `value` encoded as JSON.
    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, value: some Encodable, headers: HTTPFields = [:]) async throws -> TestResponse {
        let data = try JSONEncoder().encode(value)
        return try await self.send(method, uri, body: ByteBuffer(bytes: data), headers: headers)
    }

    /// Logs in with HTTP Basic and returns a client that sends the new token.
    func login(_ user: String = TestServer.administrator, password: String = TestServer.password) async throws -> APIClient {
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        let response = try await self.send(.post, "/api/session", headers: [.authorization: "Basic \(credentials)"])
        try #require(response.status == .created, "login failed: \(response.text)")
        return APIClient(client: self.client, token: try response.decode(String.self))
    }

    /// The same client without a session token.
    var anonymous: APIClient { APIClient(client: self.client, token: nil) }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: self.body) }

    /// The body decoded as JSON into `type`, with RFC 3339 dates.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not RFC 3339: \(text)")
            }
            return date
        }
        return try decoder.decode(T.self, from: Data(self.body.readableBytesView))
    }

    /// The body as a JSON object, for checks of which keys are present.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(self.body.readableBytesView), options: [.fragmentsAllowed]) as? [String: Any])
    }

    /// The body as a JSON array of objects.
    func objects() throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(self.body.readableBytesView)) as? [[String: Any]])
    }

    /// The `error_type` of a vAPI error body.
    var errorType: String? { (try? self.object())?["error_type"] as? String }

    /// The `default_message` texts of a vAPI error body, joined.
    var errorText: String {
        let messages = ((try? self.object())?["messages"] as? [[String: Any]]) ?? []
        return messages.compactMap { $0["default_message"] as? String }.joined(separator: " ")
    }
}

/// Checks that a response is a vAPI `/api` error: the status, `error_type`, and a `messages`
/// list of well-formed LocalizableMessages.
func expectError(
    _ response: TestResponse, _ status: HTTPResponse.Status, _ errorType: String, containing text: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "body: \(response.text)", sourceLocation: sourceLocation)
    #expect(response.errorType == errorType, "body: \(response.text)", sourceLocation: sourceLocation)
    let messages = ((try? response.object())?["messages"] as? [[String: Any]]) ?? []
    #expect(!messages.isEmpty, "no messages in \(response.text)", sourceLocation: sourceLocation)
    for message in messages {
        #expect(message["id"] is String && message["default_message"] is String && message["args"] is [Any], sourceLocation: sourceLocation)
    }
    if let text {
        #expect(response.errorText.contains(text), "'\(response.errorText)' does not contain '\(text)'", sourceLocation: sourceLocation)
    }
}
