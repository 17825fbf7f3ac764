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

/// Calls in the legacy `/rest/com/vmware/...` dialect, as govc makes them.
extension APIClient {
    static let legacy = "/rest/com/vmware/content/library/item/update-session"
    static let legacyFiles = "/rest/com/vmware/content/library/item/updatesession/file"

    /// Sends a legacy request; like govc, a POST or PATCH always carries `Content-Type: application/json`,
    /// even with no body.
    @discardableResult
    func legacy(_ method: HTTPRequest.Method, _ path: String, json: String? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        var headers = headers
        if method == .post || method == .patch { headers[.contentType] = "application/json" }
        headers[.accept] = "application/json"
        return try await self.send(method, path, body: json.map { ByteBuffer(string: $0) }, headers: headers)
    }

    /// Logs in with `POST /rest/com/vmware/cis/session` and returns a client that sends the token.
    func legacyLogin(_ user: String = TestServer.administrator, password: String = TestServer.password) async throws -> APIClient {
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        let response = try await self.send(
            .post, "/rest/com/vmware/cis/session",
            headers: [.authorization: "Basic \(credentials)", HTTPField.Name("vmware-use-header-authn")!: "true"]
        )
        try #require(response.status == .ok, "legacy login failed: \(response.text)")
        return APIClient(client: self.client, token: try response.legacyValue(String.self))
    }
}

extension TestResponse {
    /// The `value` of a legacy success envelope, decoded as `type`.
    func legacyValue<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601WithFractions
        return try decoder.decode(LegacyEnvelope<T>.self, from: Data(self.body.readableBytesView)).value
    }
}

/// The legacy success envelope `{"value": …}`.
struct LegacyEnvelope<Value: Decodable>: Decodable {
    var value: Value
}

extension JSONDecoder.DateDecodingStrategy {
    /// RFC 3339 with fractional seconds, as the server writes dates.
    static var iso8601WithFractions: Self {
        .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not RFC 3339: \(text)")
            }
            return date
        }
    }
}

/// Checks that a response is a legacy vAPI error: the status, `type` =
/// `com.vmware.vapi.std.errors.<className>`, and `value` holding `messages` and `error_type`.
func expectLegacyError(
    _ response: TestResponse, _ status: HTTPResponse.Status, _ className: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, "body: \(response.text)", sourceLocation: sourceLocation)
    let object = (try? response.object()) ?? [:]
    #expect(object["type"] as? String == "com.vmware.vapi.std.errors." + className, "body: \(response.text)", sourceLocation: sourceLocation)
    let value = object["value"] as? [String: Any] ?? [:]
    #expect(value["error_type"] as? String == className.uppercased(), "body: \(response.text)", sourceLocation: sourceLocation)
    let messages = value["messages"] as? [[String: Any]] ?? []
    #expect(!messages.isEmpty, "no messages in \(response.text)", sourceLocation: sourceLocation)
    for message in messages {
        #expect(message["id"] is String && message["default_message"] is String && message["args"] is [Any], sourceLocation: sourceLocation)
    }
}
