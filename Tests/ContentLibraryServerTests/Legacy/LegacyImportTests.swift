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
import NIOCore
import Testing

/// The legacy `/rest` dialect as govc drives an import: `{"value": …}` envelopes, `/id:{id}`
/// paths, `?~action=`, wrapped parameters, and 200 with an empty body for void operations.
@Suite struct LegacyImportTests {
    /// A local library and an item in it, created the way govc does.
    static func libraryAndItem(_ admin: APIClient, type: String) async throws -> (library: String, item: String) {
        let library = try await admin.legacy(
            .post, "/rest/com/vmware/content/local-library",
            json: #"{"create_spec":{"name":"L","type":"LOCAL","storage_backings":[{"type":"DATASTORE","datastore_id":"datastore-1"}]}}"#
        )
        try #require(library.status == .ok, "create library: \(library.text)")
        let libraryID = try library.legacyValue(String.self)
        let item = try await admin.legacy(
            .post, "/rest/com/vmware/content/library/item",
            json: #"{"create_spec":{"name":"Image","description":"","library_id":"\#(libraryID)","type":"\#(type)"}}"#
        )
        try #require(item.status == .ok, "create item: \(item.text)")
        return (libraryID, try item.legacyValue(String.self))
    }

    @Test func aGovcISOImportEndToEnd() async throws {
        try await TestServer().run { client in
            let admin = try await client.legacyLogin()
            let (library, item) = try await Self.libraryAndItem(admin, type: "iso")
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/library/item?library_id=\(library)").legacyValue([String].self) == [item])
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/library/item/id:\(item)").legacyValue(ItemModel.self).type == "iso")

            let created = try await admin.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"}}"#)
            #expect(created.status == .ok)
            let session = try created.legacyValue(String.self)

            let iso = try Fixtures.bytes("iso/plain.iso")
            let added = try await admin.legacy(
                .post, APIClient.legacyFiles + "/id:\(session)?~action=add",
                json: #"{"file_spec":{"name":"plain.iso","source_type":"PUSH","size":\#(iso.count)}}"#
            )
            #expect(added.status == .ok, "\(added.text)")
            let info = try added.legacyValue(SessionFileInfo.self)
            #expect(info.status == .waitingForTransfer)
            let put = try await admin.upload(try #require(info.uploadEndpoint?.uri), iso)
            #expect(put.status == .ok)

            let file = try await admin.legacy(.post, APIClient.legacyFiles + "/id:\(session)?~action=get", json: #"{"file_name":"plain.iso"}"#)
            #expect(try file.legacyValue(SessionFileInfo.self).status == .ready)
            let listed = try await admin.legacy(.get, APIClient.legacyFiles + "?update_session_id=\(session)")
            #expect(try listed.legacyValue([SessionFileInfo].self).map(\.name) == ["plain.iso"])
            let validation = try await admin.legacy(.post, APIClient.legacyFiles + "/id:\(session)?~action=validate")
            #expect(try validation.legacyValue(ValidationResult.self).hasErrors == false)

            let complete = try await admin.legacy(.post, APIClient.legacy + "/id:\(session)?~action=complete")
            #expect(complete.status == .ok)
            #expect(complete.body.readableBytes == 0, "a void operation answers 200 with an empty body")
            let done = try await admin.legacy(.get, APIClient.legacy + "/id:\(session)").legacyValue(UpdateSessionModel.self)
            #expect(done.state == .done)

            let files = try await admin.legacy(.get, "/rest/com/vmware/content/library/item/file?library_item_id=\(item)")
            #expect(try files.legacyValue([ItemFileInfo].self).map(\.name) == ["plain.iso"])
            let one = try await admin.legacy(.post, "/rest/com/vmware/content/library/item/file/id:\(item)?~action=get", json: #"{"name":"plain.iso"}"#)
            #expect(try one.legacyValue(ItemFileInfo.self).size == Int64(iso.count))
            let storage = try await admin.legacy(.get, "/rest/com/vmware/content/library/item/storage?library_item_id=\(item)")
            #expect(try storage.legacyValue([StorageInfo].self).count == 1)
            let stored = try await admin.legacy(
                .post, "/rest/com/vmware/content/library/item/storage/id:\(item)?~action=get", json: #"{"file_name":"plain.iso"}"#
            )
            #expect(try stored.legacyValue([StorageInfo].self).first?.name == "plain.iso")
        }
    }

    @Test func failAndKeepAliveAcceptNoBody() async throws {
        try await TestServer().run { client in
            let admin = try await client.legacyLogin()
            let (_, item) = try await Self.libraryAndItem(admin, type: "")
            let session = try await admin.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"}}"#)
                .legacyValue(String.self)
            let keepAlive = try await admin.legacy(.post, APIClient.legacy + "/id:\(session)?~action=keep-alive")
            #expect(keepAlive.status == .ok && keepAlive.body.readableBytes == 0, "\(keepAlive.text)")
            let progress = try await admin.legacy(.post, APIClient.legacy + "/id:\(session)?~action=keep-alive", json: #"{"client_progress":40}"#)
            #expect(progress.status == .ok)
            #expect(try await admin.legacy(.get, APIClient.legacy + "/id:\(session)").legacyValue(UpdateSessionModel.self).clientProgress == 40)

            let fail = try await admin.legacy(.post, APIClient.legacy + "/id:\(session)?~action=fail")
            #expect(fail.status == .ok && fail.body.readableBytes == 0, "\(fail.text)")
            let failed = try await admin.legacy(.get, APIClient.legacy + "/id:\(session)").legacyValue(UpdateSessionModel.self)
            #expect(failed.state == .error)
            expectLegacyError(try await admin.legacy(.post, APIClient.legacy + "/id:\(session)?~action=keep-alive"), .badRequest, "not_allowed_in_current_state")

            let deleted = try await admin.legacy(.delete, APIClient.legacy + "/id:\(session)")
            #expect(deleted.status == .ok && deleted.body.readableBytes == 0)
            expectLegacyError(try await admin.legacy(.get, APIClient.legacy + "/id:\(session)"), .notFound, "not_found")
        }
    }

    @Test func updateCancelAndListBySessionItem() async throws {
        try await TestServer().run { client in
            let admin = try await client.legacyLogin()
            let (_, item) = try await Self.libraryAndItem(admin, type: "")
            let session = try await admin.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"},"client_token":"\#(UUID())"}"#)
                .legacyValue(String.self)
            #expect(try await admin.legacy(.get, APIClient.legacy + "?library_item_id=\(item)").legacyValue([String].self) == [session])
            let update = try await admin.legacy(
                .patch, APIClient.legacy + "/id:\(session)",
                json: #"{"update_spec":{"warning_behavior":[{"type":"SELF_SIGNED_CERTIFICATE","ignored":true}]}}"#
            )
            #expect(update.status == .ok && update.body.readableBytes == 0, "\(update.text)")
            #expect(try await admin.legacy(.post, APIClient.legacy + "/id:\(session)?~action=cancel").status == .ok)
            #expect(try await admin.legacy(.get, APIClient.legacy + "/id:\(session)").legacyValue(UpdateSessionModel.self).state == .canceled)
        }
    }

    @Test func theOlderFormCarriesTheIDInTheBody() async throws {
        try await TestServer().run { client in
            let admin = try await client.legacyLogin()
            let (_, item) = try await Self.libraryAndItem(admin, type: "")
            let session = try await admin.legacy(.post, APIClient.legacy, json: #"{"create_spec":{"library_item_id":"\#(item)"}}"#)
                .legacyValue(String.self)
            let added = try await admin.legacy(
                .post, APIClient.legacyFiles + "?~action=add",
                json: #"{"update_session_id":"\#(session)","file_spec":{"name":"a.txt","source_type":"PUSH"}}"#
            )
            #expect(try added.legacyValue(SessionFileInfo.self).name == "a.txt", "\(added.text)")
            let removed = try await admin.legacy(.post, APIClient.legacyFiles + "/id:\(session)?~action=remove", json: #"{"file_name":"a.txt"}"#)
            #expect(removed.status == .ok && removed.body.readableBytes == 0)
            let types = try await admin.legacy(.post, "/rest/com/vmware/content/type?~action=list")
            #expect(try types.legacyValue([TypeInfo].self).contains { $0.type == "ovf" })
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/type").legacyValue([TypeInfo].self).contains { $0.type == "iso" })
        }
    }

    @Test func librariesAndItemsOverIDPaths() async throws {
        try await TestServer().run { client in
            let admin = try await client.legacyLogin()
            let (library, item) = try await Self.libraryAndItem(admin, type: "")
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/library").legacyValue([String].self) == [library])
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/local-library").legacyValue([String].self) == [library])
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/library/id:\(library)").legacyValue(LibraryModel.self).name == "L")
            let found = try await admin.legacy(.post, "/rest/com/vmware/content/library?~action=find", json: #"{"spec":{"name":"L"}}"#)
            #expect(try found.legacyValue([String].self) == [library])
            let patched = try await admin.legacy(
                .patch, "/rest/com/vmware/content/local-library/id:\(library)", json: #"{"update_spec":{"description":"ISOs"}}"#
            )
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try await admin.legacy(.get, "/rest/com/vmware/content/local-library/id:\(library)").legacyValue(LibraryModel.self).description == "ISOs")

            let renamed = try await admin.legacy(.patch, "/rest/com/vmware/content/library/item/id:\(item)", json: #"{"update_spec":{"name":"Renamed"}}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            let byName = try await admin.legacy(.post, "/rest/com/vmware/content/library/item?~action=find", json: #"{"spec":{"name":"renamed"}}"#)
            #expect(try byName.legacyValue([String].self) == [item])
            #expect(try await admin.legacy(.delete, "/rest/com/vmware/content/library/item/id:\(item)").status == .ok)
            #expect(try await admin.legacy(.delete, "/rest/com/vmware/content/local-library/id:\(library)").status == .ok)
            expectLegacyError(try await admin.legacy(.get, "/rest/com/vmware/content/library/id:\(library)"), .notFound, "not_found")
        }
    }
}
