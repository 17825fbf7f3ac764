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

/// A JSON body over the limit is the client's fault in every dialect: 413 with the vAPI error
/// shape of REST and legacy `/rest`, `InvalidArgument` in JSON-RPC; the limit is named and no
/// internal type leaks. (A raw-socket test in Tests/Conformance checks the connection side.)
@Suite struct OversizedBodyTests {
    static let oversized = ByteBuffer(repeating: UInt8(ascii: " "), count: (4 << 20) + 1)

    @Test func restAndLegacyAnswer413NamingTheLimit() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            for path in ["/api/content/local-library", "/rest/com/vmware/content/local-library"] {
                let response = try await admin.send(.post, path, body: Self.oversized, headers: [.contentType: "application/json"])
                #expect(response.status == .contentTooLarge, "\(path): \(response.text)")
                #expect(response.text.contains("\(4 << 20) bytes"), "\(path): \(response.text)")
                #expect(response.text.contains("INVALID_ARGUMENT") || response.text.contains("invalid_argument"), "\(path): \(response.text)")
                #expect(!response.text.contains("NIO"), "no internal type reaches the client")
            }
        }
    }

    @Test func jsonRPCAnswersInvalidArgument() async throws {
        try await TestServer().run { client in
            let response = try await client.send(.post, "/api", body: Self.oversized, headers: [.contentType: "application/json"])
            #expect(response.status == .ok)
            let reply = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            let error = try #require(((reply["result"] as? [String: Any])?["error"] as? [String: Any])?["ERROR"] as? [String: Any], "\(reply)")
            #expect(error["com.vmware.vapi.std.errors.invalid_argument"] != nil, "\(error)")
            #expect(response.text.contains("\(4 << 20) bytes"))
        }
    }
}
