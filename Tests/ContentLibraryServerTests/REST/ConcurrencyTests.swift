//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Racing requests: the store, not luck, decides who wins.
@Suite struct ConcurrencyTests {
    @Test func twoRacingCreatesOnOneItemYieldExactlyOneSession() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            for attempt in 0..<10 {
                let item = try await admin.createItem(library: library, name: "Item \(attempt)")
                let spec = UpdateSessionModel(libraryItemID: item)
                async let first = admin.send(.post, APIClient.sessions, value: spec)
                async let second = admin.send(.post, APIClient.sessions, value: spec)
                let responses = try await [first, second]
                let created = responses.filter { $0.status == .created }
                let busy = responses.filter { $0.status == .internalServerError && $0.errorType == "RESOURCE_BUSY" }
                #expect(created.count == 1 && busy.count == 1, "attempt \(attempt): \(responses.map(\.text))")
                let ids = try await admin.send(.get, APIClient.sessions + "?library_item_id=\(item)").decode([String].self)
                #expect(ids.count == 1)
            }
        }
    }

    @Test func racingCreatesWithOneClientTokenReturnOneSession() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let item = try await admin.createItem(library: try await admin.createLibrary())
            let uri = APIClient.sessions + "?client_token=\(UUID().uuidString)"
            let spec = UpdateSessionModel(libraryItemID: item)
            let responses = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        let response = try await admin.send(.post, uri, value: spec)
                        return (response.status.code, response.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(responses.allSatisfy { $0.0 == 201 }, "\(responses)")
            #expect(Set(responses.map(\.1)).count == 1)
        }
    }

    @Test func racingUploadsOfOneFileAreSerialized() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "a.bin")
            let url = try #require(file.uploadEndpoint?.uri)
            let bytes = [UInt8](repeating: 9, count: 2_000_000)
            async let first = admin.upload(url, bytes)
            async let second = admin.upload(url, bytes)
            let statuses = try await [first, second].map(\.status)
            #expect(statuses.contains(.ok), "\(statuses)")
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .conflict }, "the loser is told the file is busy (409)")
            let info = try await admin.sessionFile(session: session, name: "a.bin")
            #expect(info.status == .ready)
            #expect(info.size == 2_000_000)
        }
    }
}
