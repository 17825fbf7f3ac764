//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
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

    @Test func anUploadInterruptedByARestartResumesFromTheBytesOnDisk() async throws {
        let folder = try TemporaryFolder()
        let bytes = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let checksum = ChecksumInfo(algorithm: .sha256, checksum: StreamingHasher.digest(bytes, algorithm: .sha256))
        let (item, session, url) = try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let url = try #require(try await admin.addPushFile(session: session, name: "big.bin", size: 3000, checksum: checksum).uploadEndpoint?.uri)
            let path = try #require(URLComponents(string: url)?.percentEncodedPath)
            let piece = try await admin.anonymous.send(
                .put, path, body: ByteBuffer(bytes: bytes[0..<1200]), headers: [HTTPField.Name("Content-Range")!: "bytes 0-1199/3000"]
            )
            #expect(piece.status == .ok)
            return (item, session, path)
        }
        // What a crash mid-upload leaves behind: the record says fewer bytes than the blob holds.
        let store = try SQLiteMetadataStore(path: folder.path + "/metadata.sqlite")
        var file = try #require(try await store.sessionFile(sessionID: session, name: "big.bin"))
        file.bytesTransferred = 7
        try await store.saveSessionFile(file)

        try await TestServer(folder: folder).run { client in
            let admin = try await client.login()
            let info = try await admin.sessionFile(session: session, name: "big.bin")
            #expect(info.status == .transferring)
            #expect(info.bytesTransferred == 1200, "the offset is what the blob holds")
            let head = try await admin.anonymous.send(.head, url)
            #expect(head.headers[HTTPField.Name("Upload-Offset")!] == "1200")
            // The stored prefix is hashed again, so the declared checksum still holds.
            let rest = try await admin.anonymous.send(
                .put, url, body: ByteBuffer(bytes: bytes[1200...]), headers: [HTTPField.Name("Content-Range")!: "bytes 1200-2999/3000"]
            )
            #expect(try rest.object()["status"] as? String == "READY", "\(rest.text)")
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.size) == [3000])
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
