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

/// `com.vmware.content.library.item`, `…item.file` and `…item.storage` over `/api`.
@Suite struct ItemTests {
    @Test func createGetListUpdateDeleteAnItem() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let id = try await admin.createItem(library: library, name: "Disc", type: "iso")

            let item = try await admin.item(id)
            #expect(item.id == id)
            #expect(item.libraryID == library)
            #expect(item.name == "Disc")
            #expect(item.type == "iso")
            #expect(item.description == "")
            #expect(item.contentVersion == "0000000001")
            #expect(item.version == "1")
            #expect(item.metadataVersion == "1")
            #expect(item.cached == false)
            #expect(item.size == 0)

            #expect(try await admin.send(.get, "/api/content/library/item?library_id=\(library)").decode([String].self) == [id])
            expectError(try await admin.send(.get, "/api/content/library/item"), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.get, "/api/content/library/item?library_id=nope"), .notFound, "NOT_FOUND")

            let update = try await admin.send(.patch, "/api/content/library/item/\(id)", json: #"{"name":"Disc 2","description":"d","version":"1"}"#)
            #expect(update.status == .noContent, "\(update.text)")
            let updated = try await admin.item(id)
            #expect(updated.name == "Disc 2")
            #expect(updated.description == "d")
            #expect(updated.version == "2")
            #expect(updated.metadataVersion == "2")
            #expect(updated.contentVersion == "0000000001", "metadata changes leave the content version")
            let stale = try await admin.send(.patch, "/api/content/library/item/\(id)", json: #"{"name":"Disc 3","version":"1"}"#)
            expectError(stale, .badRequest, "INVALID_ARGUMENT")

            #expect(try await admin.send(.delete, "/api/content/library/item/\(id)").status == .noContent)
            expectError(try await admin.send(.get, "/api/content/library/item/\(id)"), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.delete, "/api/content/library/item/\(id)"), .notFound, "NOT_FOUND")
        }
    }

    @Test func findMatchesNameAndTypeWithoutCase() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let disc = try await admin.createItem(library: library, name: "Disc", type: "iso")
            let other = try await admin.createItem(library: library, name: "Other")
            let find = "/api/content/library/item?action=find"
            #expect(try await admin.send(.post, find, json: #"{"name":"DISC"}"#).decode([String].self) == [disc])
            #expect(try await admin.send(.post, find, json: #"{"type":"ISO"}"#).decode([String].self) == [disc])
            #expect(Set(try await admin.send(.post, find, json: #"{"library_id":"\#(library)"}"#).decode([String].self)) == [disc, other])
            #expect(try await admin.send(.post, find, json: #"{"name":"disc","library_id":"elsewhere"}"#).decode([String].self) == [])
            expectError(try await admin.send(.post, find, json: "{}"), .badRequest, "INVALID_ARGUMENT")
        }
    }

    @Test func findByCachedSeparatesItemsWithAndWithoutContent() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (library, full, session) = try await admin.createSessionOnNewItem(name: "Full")
            try await admin.addAndUpload(session: session, name: "a.txt", Array("abc".utf8))
            #expect(try await admin.action("complete", session: session).status == .noContent)
            let empty = try await admin.createItem(library: library, name: "Empty")
            let find = "/api/content/library/item?action=find"
            #expect(try await admin.send(.post, find, json: #"{"cached":true}"#).decode([String].self) == [full])
            #expect(try await admin.send(.post, find, json: #"{"cached":false}"#).decode([String].self) == [empty])
            #expect(try await admin.item(full).cached == true)
            #expect(try await admin.item(empty).cached == false)
        }
    }

    @Test func namesAreUniqueInALibraryIgnoringCase() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let first = try await admin.createItem(library: library, name: "Disc")
            let duplicate = try await admin.send(.post, "/api/content/library/item", value: ItemModel(libraryID: library, name: "DISC"))
            expectError(duplicate, .badRequest, "ALREADY_EXISTS", containing: "DISC")
            let second = try await admin.createItem(library: library, name: "Other")
            let rename = try await admin.send(.patch, "/api/content/library/item/\(second)", json: #"{"name":"disc"}"#)
            expectError(rename, .badRequest, "ALREADY_EXISTS")
            #expect(try await admin.item(second).name == "Other")
            let otherLibrary = try await admin.createLibrary("Other")
            _ = try await admin.createItem(library: otherLibrary, name: "disc")
            #expect(try await admin.item(first).name == "Disc")
        }
    }

    @Test func namesAndDescriptionsHaveLimits() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let path = "/api/content/library/item"
            expectError(try await admin.send(.post, path, value: ItemModel(libraryID: library, name: String(repeating: "x", count: 81))), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, value: ItemModel(libraryID: library, name: "")), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, value: ItemModel(libraryID: library)), .badRequest, "INVALID_ARGUMENT")
            expectError(
                try await admin.send(.post, path, value: ItemModel(libraryID: library, description: String(repeating: "d", count: 2001), name: "n")),
                .badRequest, "INVALID_ARGUMENT"
            )
            expectError(try await admin.send(.post, path, value: ItemModel(name: "n")), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, path, value: ItemModel(libraryID: "nope", name: "n")), .notFound, "NOT_FOUND")
            _ = try await admin.createItem(library: library, name: String(repeating: "x", count: 80))
            expectError(
                try await admin.send(.post, path + "?client_token=not-a-uuid", value: ItemModel(libraryID: library, name: "t")),
                .badRequest, "INVALID_ARGUMENT"
            )
        }
    }

    @Test func deleteIsRefusedWhileASessionIsActive() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            expectError(try await admin.send(.delete, "/api/content/library/item/\(item)"), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE")
            #expect(try await admin.action("cancel", session: session).status == .noContent)
            #expect(try await admin.send(.delete, "/api/content/library/item/\(item)").status == .noContent)
        }
    }

    @Test func filesAndStorageAfterAnUpload() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let bytes = Array("hello, library".utf8)
            try await admin.addAndUpload(session: session, name: "notes.txt", bytes)
            #expect(try await admin.itemFiles(item).isEmpty)
            #expect(try await admin.action("complete", session: session).status == .noContent)

            let files = try await admin.itemFiles(item)
            #expect(files.count == 1)
            let file = try #require(files.first)
            #expect(file.name == "notes.txt")
            #expect(file.size == Int64(bytes.count))
            #expect(file.cached)
            #expect(file.version == "1")
            #expect(file.checksumInfo?.algorithm == .sha256)
            #expect(file.checksumInfo?.checksum.count == 64)

            let one = try await admin.send(.get, "/api/content/library/item/\(item)/file?name=notes.txt")
            #expect(one.status == .ok)
            #expect(try one.decode(ItemFileInfo.self) == file)
            expectError(try await admin.send(.get, "/api/content/library/item/\(item)/file?name=nope"), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.get, "/api/content/library/item/nope/file"), .notFound, "NOT_FOUND")

            let storage = try await admin.send(.get, "/api/content/library/item/\(item)/storage")
            #expect(storage.status == .ok)
            let entries = try storage.decode([StorageInfo].self)
            #expect(entries.count == 1)
            let entry = try #require(entries.first)
            #expect(entry.name == "notes.txt")
            #expect(entry.size == Int64(bytes.count))
            #expect(entry.storageBacking == StorageBacking(type: .datastore, datastoreID: "datastore-1"))
            let uri = try #require(entry.storageURIs.first)
            #expect(uri.hasPrefix("file://"))
            #expect(FileManager.default.contents(atPath: String(uri.dropFirst("file://".count))) == Data(bytes))

            let byName = try await admin.send(.get, "/api/content/library/item/\(item)/storage?file_name=notes.txt")
            #expect(try byName.decode([StorageInfo].self) == entries)
            expectError(try await admin.send(.get, "/api/content/library/item/\(item)/storage?file_name=nope"), .notFound, "NOT_FOUND")

            let model = try await admin.item(item)
            #expect(model.cached == true)
            #expect(model.size == Int64(bytes.count))
        }
    }
}
