//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Testing
import HTTPTypes

/// Where `/rest` reads an operation's parameters from: the body, then the query.
@Suite struct LegacyParameterTests {
    /// A parameter given in both places is read from the body; the query only fills in what the
    /// body lacks, so a proxy or a client that appends query parameters cannot override the body.
    @Test func theBodyWinsOverTheQuery() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let first = try await admin.createLibrary("First")
            let second = try await admin.createLibrary("Second")
            let item = try await admin.createItem(library: second)
            let legacy = try await client.legacyLogin()

            let both = try await legacy.legacy(
                .post, "/rest/com/vmware/content/library/item?~action=list&library_id=\(first)", json: #"{"library_id":"\#(second)"}"#
            )
            #expect(try both.legacyValue([String].self) == [item], "\(both.text)")
            let query = try await legacy.legacy(.get, "/rest/com/vmware/content/library/item?library_id=\(first)")
            #expect(try query.legacyValue([String].self) == [], "\(query.text)")
        }
    }
}
