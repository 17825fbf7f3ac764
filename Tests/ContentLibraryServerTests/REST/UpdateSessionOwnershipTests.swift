//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Update sessions belong to the user who created them; privileges gate creation.
@Suite struct UpdateSessionOwnershipTests {
    static let operator_ = "operator@vsphere.local"
    static let reader = "reader@vsphere.local"

    static func server() throws -> TestServer {
        try TestServer(users: [
            (operator_, [.updateSession, .addLibraryItem]),
            (reader, [.addLibraryItem]),
        ])
    }

    @Test func listShowsOnlyTheCallersSessions() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let other = try await client.login(Self.operator_)
            let library = try await admin.createLibrary()
            let mine = try await admin.createSession(item: try await admin.createItem(library: library, name: "Mine"))
            let theirs = try await other.createSession(item: try await admin.createItem(library: library, name: "Theirs"))
            #expect(try await admin.send(.get, APIClient.sessions).decode([String].self) == [mine])
            #expect(try await other.send(.get, APIClient.sessions).decode([String].self) == [theirs])
        }
    }

    @Test func anotherUsersSessionDoesNotExist() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let other = try await client.login(Self.operator_)
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let base = APIClient.sessions + "/" + session
            expectError(try await other.send(.get, base), .notFound, "NOT_FOUND")
            expectError(try await other.send(.patch, base, json: "{}"), .notFound, "NOT_FOUND")
            expectError(try await other.action("cancel", session: session), .notFound, "NOT_FOUND")
            expectError(try await other.action("complete", session: session), .notFound, "NOT_FOUND")
            expectError(try await other.send(.get, base + "/file"), .notFound, "NOT_FOUND")
            expectError(try await other.send(.get, base + "/file/x"), .notFound, "NOT_FOUND")
            expectError(try await other.addFile(session: session, SessionFileAddSpec(name: "x", sourceType: .push)), .notFound, "NOT_FOUND")
            #expect(try await admin.session(session).state == .active)
        }
    }

    @Test func createNeedsTheUpdateSessionPrivilege() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let reader = try await client.login(Self.reader)
            let item = try await admin.createItem(library: try await admin.createLibrary())
            let response = try await reader.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item))
            expectError(response, .forbidden, "UNAUTHORIZED", containing: "ContentLibrary.UpdateSession")
            expectError(try await reader.send(.get, APIClient.sessions + "?library_item_id=\(item)"), .forbidden, "UNAUTHORIZED")
            #expect(try await reader.send(.get, APIClient.sessions).decode([String].self) == [])
            let libraryResponse = try await reader.send(
                .post, "/api/content/local-library", json: #"{"name":"L","storage_backings":[{"type":"DATASTORE","datastore_id":"datastore-1"}]}"#
            )
            expectError(libraryResponse, .forbidden, "UNAUTHORIZED")
        }
    }

    @Test func aSecondUsersSessionMakesTheItemBusyForEveryone() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let other = try await client.login(Self.operator_)
            let item = try await admin.createItem(library: try await admin.createLibrary())
            _ = try await other.createSession(item: item)
            expectError(try await admin.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item)), .internalServerError, "RESOURCE_BUSY")
        }
    }
}
