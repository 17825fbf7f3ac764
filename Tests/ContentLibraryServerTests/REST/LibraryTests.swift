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

/// `com.vmware.content.local_library` and `com.vmware.content.library` over `/api`.
@Suite struct LibraryTests {
    static let backing = #"[{"type":"DATASTORE","datastore_id":"datastore-1"}]"#

    @Test func createGetListUpdateDeleteALocalLibrary() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let id = try await admin.createLibrary("ISOs")

            let got = try await admin.send(.get, "/api/content/local-library/\(id)")
            #expect(got.status == .ok)
            let library = try got.decode(LibraryModel.self)
            #expect(library.id == id)
            #expect(library.name == "ISOs")
            #expect(library.type == .local)
            #expect(library.storageBackings == [StorageBacking(type: .datastore, datastoreID: "datastore-1")])
            #expect(library.version == "1")
            #expect(library.serverGUID?.isEmpty == false)
            let backing = try #require((try got.object()["storage_backings"] as? [[String: Any]])?.first)
            #expect(backing["storage_uri"] == nil, "the union member of OTHER must not appear for DATASTORE")

            #expect(try await admin.send(.get, "/api/content/local-library").decode([String].self) == [id])

            let update = try await admin.send(.patch, "/api/content/local-library/\(id)", json: #"{"name":"Images","description":"discs","version":"1"}"#)
            #expect(update.status == .noContent, "\(update.text)")
            let updated = try await admin.send(.get, "/api/content/local-library/\(id)").decode(LibraryModel.self)
            #expect(updated.name == "Images")
            #expect(updated.description == "discs")
            #expect(updated.version == "2")

            #expect(try await admin.send(.delete, "/api/content/local-library/\(id)").status == .noContent)
            expectError(try await admin.send(.get, "/api/content/local-library/\(id)"), .notFound, "NOT_FOUND")
            #expect(try await admin.send(.get, "/api/content/local-library").decode([String].self) == [])
        }
    }

    /// `PATCH /api/content/library/{id}` is `Library.update`, the same call as the local library's.
    @Test func updateThroughTheLibraryService() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let id = try await admin.createLibrary("Before")
            let update = try await admin.send(.patch, "/api/content/library/\(id)", json: #"{"name":"After"}"#)
            #expect(update.status == .noContent, "\(update.text)")
            let library = try await admin.send(.get, "/api/content/library/\(id)").decode(LibraryModel.self)
            #expect(library.name == "After")
            #expect(library.version == "2")
            expectError(try await admin.send(.patch, "/api/content/library/\(UUID())", json: #"{"name":"x"}"#), .notFound, "NOT_FOUND")
        }
    }

    @Test func libraryGetListAndFind() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let first = try await admin.createLibrary("First")
            let second = try await admin.createLibrary("Second")

            #expect(Set(try await admin.send(.get, "/api/content/library").decode([String].self)) == [first, second])
            #expect(try await admin.send(.get, "/api/content/library/\(second)").decode(LibraryModel.self).name == "Second")

            let byName = try await admin.send(.post, "/api/content/library?action=find", json: #"{"name":"second"}"#)
            #expect(byName.status == .ok)
            #expect(try byName.decode([String].self) == [second])
            let byType = try await admin.send(.post, "/api/content/library?action=find", json: #"{"type":"LOCAL"}"#)
            #expect(Set(try byType.decode([String].self)) == [first, second])
            let none = try await admin.send(.post, "/api/content/library?action=find", json: #"{"name":"third"}"#)
            #expect(try none.decode([String].self) == [])
            expectError(try await admin.send(.post, "/api/content/library?action=find", json: "{}"), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, "/api/content/library", json: "{}"), .notFound, "OPERATION_NOT_FOUND")
        }
    }

    @Test func createNeedsANameAndOneBacking() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let path = "/api/content/local-library"
            expectError(try await admin.send(.post, path, json: #"{"storage_backings":\#(Self.backing)}"#), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, json: #"{"name":"  ","storage_backings":\#(Self.backing)}"#), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, json: #"{"name":"L"}"#), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, json: #"{"name":"L","storage_backings":[]}"#), .badRequest, "INVALID_ARGUMENT")
            let two = #"[{"type":"DATASTORE","datastore_id":"datastore-1"},{"type":"DATASTORE","datastore_id":"datastore-1"}]"#
            expectError(try await admin.send(.post, path, json: #"{"name":"L","storage_backings":\#(two)}"#), .badRequest, "UNSUPPORTED")
            let unknown = #"[{"type":"DATASTORE","datastore_id":"datastore-9"}]"#
            expectError(try await admin.send(.post, path, json: #"{"name":"L","storage_backings":\#(unknown)}"#), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, json: "not json"), .badRequest, "INVALID_ARGUMENT")
            let long = String(repeating: "n", count: 81)
            expectError(try await admin.send(.post, path, json: #"{"name":"\#(long)","storage_backings":\#(Self.backing)}"#), .badRequest, "INVALID_ARGUMENT")
            #expect(try await admin.send(.get, path).decode([String].self) == [])
        }
    }

    @Test func createAcceptsAClientTokenAndRejectsANonUUIDOne() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let body = #"{"name":"L","storage_backings":\#(Self.backing)}"#
            let good = try await admin.send(.post, "/api/content/local-library?client_token=7c9e6679-7425-40de-944b-e07fc1f90ae7", json: body)
            #expect(good.status == .created)
            expectError(try await admin.send(.post, "/api/content/local-library?client_token=nope", json: body), .badRequest, "INVALID_ARGUMENT")
        }
    }

    @Test func unknownIdsAreNotFound() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let missing = "00000000-0000-0000-0000-000000000000"
            expectError(try await admin.send(.get, "/api/content/local-library/\(missing)"), .notFound, "NOT_FOUND", containing: missing)
            expectError(try await admin.send(.get, "/api/content/library/\(missing)"), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.patch, "/api/content/local-library/\(missing)", json: #"{"name":"x"}"#), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.delete, "/api/content/local-library/\(missing)"), .notFound, "NOT_FOUND")
        }
    }

    @Test func updateWithAStaleVersionIsAConcurrentChange() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let id = try await admin.createLibrary()
            #expect(try await admin.send(.patch, "/api/content/local-library/\(id)", json: #"{"description":"a"}"#).status == .noContent)
            let stale = try await admin.send(.patch, "/api/content/local-library/\(id)", json: #"{"name":"B","version":"1"}"#)
            expectError(stale, .conflict, "CONCURRENT_CHANGE")
            #expect(try await admin.send(.get, "/api/content/library/\(id)").decode(LibraryModel.self).name == "Library")
        }
    }

    /// A client that reads a library, edits it and sends it all back is not refused for
    /// restating the backing; changing the backing is.
    @Test func updateAcceptsTheUnchangedBackingButNotANewOne() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let id = try await admin.createLibrary()
            var model = try await admin.send(.get, "/api/content/library/\(id)").decode(LibraryModel.self)
            model.description = "edited"
            // (The test client's encoder writes dates as numbers, which the wire refuses; a real
            // client sends them back as the strings it read.)
            model.creationTime = nil
            model.lastModifiedTime = nil
            let restated = try await admin.send(.patch, "/api/content/local-library/\(id)", value: model)
            #expect(restated.status == .noContent, "\(restated.errorText)")
            model.storageBackings = [StorageBacking(type: .datastore, datastoreID: "datastore-9")]
            model.version = nil
            expectError(try await admin.send(.patch, "/api/content/local-library/\(id)", value: model), .badRequest, "INVALID_ARGUMENT")
        }
    }

    @Test func deleteRemovesItsItemsButNotWhileASessionIsActive() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (library, item, session) = try await admin.createSessionOnNewItem()
            expectError(try await admin.send(.delete, "/api/content/local-library/\(library)"), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE")
            #expect(try await admin.action("cancel", session: session).status == .noContent)
            #expect(try await admin.send(.delete, "/api/content/local-library/\(library)").status == .noContent)
            expectError(try await admin.send(.get, "/api/content/library/item/\(item)"), .notFound, "NOT_FOUND")
        }
    }

    @Test func typeListShowsTheStandardAdapters() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let response = try await admin.send(.get, "/api/content/type")
            #expect(response.status == .ok)
            let types = try response.decode([TypeInfo].self).map(\.type)
            #expect(types.contains("ovf"))
            #expect(types.contains("iso"))
        }
    }
}
