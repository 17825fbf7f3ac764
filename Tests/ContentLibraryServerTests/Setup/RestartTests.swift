//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// A server rebuilt on the same data folder finds everything where it was.
@Suite struct RestartTests {
    @Test func anActiveSessionSurvivesARestartAndCompletes() async throws {
        let folder = try TemporaryFolder()
        let bytes = Array("survives restarts".utf8)
        let (item, session, token) = try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(name: "Persistent")
            try await admin.addAndUpload(session: session, name: "kept.txt", bytes)
            _ = try await admin.addPushFile(session: session, name: "later.txt")
            return (item, session, try #require(admin.token))
        }

        try await TestServer(folder: folder).run { client in
            let old = APIClient(client: client.client, token: token)
            #expect(try await old.send(.get, "/api/session").status == .ok, "API sessions are kept too")
            let admin = try await client.login()
            #expect(try await admin.item(item).name == "Persistent")
            let model = try await admin.session(session)
            #expect(model.state == .active)
            #expect(try await admin.send(.get, APIClient.sessions).decode([String].self) == [session])
            let kept = try await admin.sessionFile(session: session, name: "kept.txt")
            #expect(kept.status == .ready)
            #expect(kept.size == Int64(bytes.count))
            let later = try await admin.sessionFile(session: session, name: "later.txt")
            #expect(later.status == .waitingForTransfer)
            #expect(try await admin.upload(try #require(later.uploadEndpoint?.uri), [1, 2, 3]).status == .ok)

            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == ["kept.txt", "later.txt"])
            let storage = try await admin.send(.get, "/api/content/library/item/\(item)/storage?file_name=kept.txt").decode([StorageInfo].self)
            let path = String(try #require(storage.first?.storageURIs.first).dropFirst("file://".count))
            #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        }
    }

    @Test func anUploadInterruptedByARestartIsInErrorAndMayBeRepeated() async throws {
        let folder = try TemporaryFolder()
        let (item, session) = try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            _ = try await admin.addPushFile(session: session, name: "big.bin", size: 3)
            return (item, session)
        }
        // What a crash mid-upload leaves behind: the file still TRANSFERRING.
        let store = try SQLiteMetadataStore(path: folder.path + "/metadata.sqlite")
        var file = try #require(try await store.sessionFile(sessionID: session, name: "big.bin"))
        file.status = .transferring
        file.bytesTransferred = 2
        try await store.saveSessionFile(file)

        try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            let info = try await admin.sessionFile(session: session, name: "big.bin")
            #expect(info.status == .error)
            #expect(info.errorMessage?.defaultMessage.contains("interrupted") == true)
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "big.bin")
            #expect(try await admin.upload(try #require(info.uploadEndpoint?.uri), [1, 2, 3]).status == .ok)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.size) == [3])
        }
    }

    @Test func theServerGUIDIsStable() async throws {
        let folder = try TemporaryFolder()
        let first = try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            return try await admin.send(.get, "/api/content/library/\(try await admin.createLibrary())").decode(LibraryModel.self)
        }
        let second = try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            return try await admin.send(.get, "/api/content/library/\(try #require(first.id))").decode(LibraryModel.self)
        }
        #expect(second.serverGUID == first.serverGUID)
        #expect(second.name == first.name)
    }
}
