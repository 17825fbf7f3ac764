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

/// `com.vmware.content.library.item.updatesession.file` over `/api`.
@Suite struct SessionFileTests {
    @Test func addReturnsAPushEndpointWaitingForTransfer() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let response = try await admin.addFile(session: session, SessionFileAddSpec(name: "disk 1.vmdk", sourceType: .push, size: 3))
            #expect(response.status == .created)
            let object = try response.object()
            #expect(object["source_endpoint"] == nil, "source_endpoint only for PULL")
            #expect(object["size"] == nil, "size only once READY")
            #expect(object["bytes_transferred"] as? Int == 0)
            let info = try response.decode(SessionFileInfo.self)
            #expect(info.name == "disk 1.vmdk")
            #expect(info.sourceType == .push)
            #expect(info.status == .waitingForTransfer)
            let uri = try #require(info.uploadEndpoint?.uri)
            let match = try #require(uri.wholeMatch(of: /http:\/\/localhost\/cls\/data\/([0-9a-f]{32})\/disk%201\.vmdk/), "\(uri)")
            #expect(match.1.count == 32)

            let again = try await admin.addPushFile(session: session, name: "other.txt")
            #expect(again.uploadEndpoint?.uri != uri, "each file has its own capability")
        }
    }

    @Test func getAndListShowTheFiles() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let added = try await admin.addPushFile(session: session, name: "a.txt")
            _ = try await admin.addPushFile(session: session, name: "b.txt")
            #expect(try await admin.sessionFile(session: session, name: "a.txt") == added)
            #expect(try await admin.sessionFiles(session: session).map(\.name) == ["a.txt", "b.txt"])
            let missing = try await admin.send(.get, APIClient.sessions + "/\(session)/file/nope.txt")
            expectError(missing, .badRequest, "INVALID_ARGUMENT", containing: "nope.txt")
            expectError(try await admin.send(.delete, APIClient.sessions + "/\(session)/file/nope.txt"), .badRequest, "INVALID_ARGUMENT")
        }
    }

    @Test func aSecondSessionStartsFromTheItemsFiles() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, first) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: first, name: "a.txt", Array("alpha".utf8))
            try await admin.addAndUpload(session: first, name: "b.txt", Array("beta".utf8))
            #expect(try await admin.action("complete", session: first).status == .noContent)

            let second = try await admin.createSession(item: item)
            let response = try await admin.send(.get, APIClient.sessions + "/\(second)/file")
            let objects = try response.objects()
            #expect(objects.count == 2)
            for object in objects {
                #expect(object["upload_endpoint"] == nil && object["source_endpoint"] == nil, "no endpoint for NONE")
            }
            let files = try response.decode([SessionFileInfo].self)
            #expect(files.map(\.name) == ["a.txt", "b.txt"])
            #expect(files.allSatisfy { $0.sourceType == .none && $0.status == .ready })
            #expect(files.map(\.size) == [5, 4])
            #expect(try await admin.sessionFile(session: second, name: "b.txt").bytesTransferred == 4)
        }
    }

    @Test func removeTakesEffectOnlyOnComplete() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, first) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: first, name: "a.txt", Array("alpha".utf8))
            try await admin.addAndUpload(session: first, name: "b.txt", Array("beta".utf8))
            #expect(try await admin.action("complete", session: first).status == .noContent)

            let second = try await admin.createSession(item: item)
            #expect(try await admin.send(.delete, APIClient.sessions + "/\(second)/file/a.txt").status == .noContent)
            #expect(try await admin.sessionFiles(session: second).map(\.name) == ["b.txt"])
            #expect(try await admin.itemFiles(item).map(\.name) == ["a.txt", "b.txt"], "the item keeps the file until complete")
            let storage = try await admin.send(.get, "/api/content/library/item/\(item)/storage?file_name=a.txt").decode([StorageInfo].self)
            let path = String(try #require(storage.first?.storageURIs.first).dropFirst("file://".count))
            #expect(FileManager.default.contents(atPath: path) == Data("alpha".utf8), "the bytes stay until complete")

            #expect(try await admin.action("complete", session: second).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == ["b.txt"])
            #expect(!FileManager.default.fileExists(atPath: path), "the removed file's bytes are collected")
            #expect(try await admin.item(item).size == 4)
        }
    }

    @Test func removingEveryFileEmptiesTheItem() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, first) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: first, name: "a.txt", Array("alpha".utf8))
            #expect(try await admin.action("complete", session: first).status == .noContent)
            let second = try await admin.createSession(item: item)
            #expect(try await admin.send(.delete, APIClient.sessions + "/\(second)/file/a.txt").status == .noContent)
            #expect(try await admin.sessionFiles(session: second).isEmpty)
            #expect(try await admin.action("complete", session: second).status == .noContent)
            #expect(try await admin.itemFiles(item).isEmpty)
            #expect(try await admin.item(item).cached == false)
        }
    }

    @Test func replacingAFileBumpsItsVersion() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, first) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: first, name: "a.txt", Array("alpha".utf8))
            try await admin.addAndUpload(session: first, name: "b.txt", Array("beta".utf8))
            #expect(try await admin.action("complete", session: first).status == .noContent)
            let second = try await admin.createSession(item: item)
            let replaced = try await admin.addAndUpload(session: second, name: "a.txt", Array("ALPHA!".utf8))
            #expect(replaced.sourceType == .push)
            #expect(try await admin.itemFiles(item).first?.size == 5, "nothing is visible before complete")
            #expect(try await admin.action("complete", session: second).status == .noContent)
            let files = try await admin.itemFiles(item)
            #expect(files.map(\.name) == ["a.txt", "b.txt"])
            #expect(files.map(\.version) == ["2", "1"])
            #expect(files.map(\.size) == [6, 4])
        }
    }

    @Test func badNamesAreInvalid() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            for name in ["../x", "a/b", "a\u{0}b", "a\\b", "..", ".", "", "tab\there", String(repeating: "n", count: 300)] {
                let response = try await admin.addFile(session: session, SessionFileAddSpec(name: name, sourceType: .push))
                expectError(response, .badRequest, "INVALID_ARGUMENT")
            }
            #expect(try await admin.sessionFiles(session: session).isEmpty)
            _ = try await admin.addPushFile(session: session, name: String(repeating: "n", count: 255))
        }
    }

    @Test func badSpecsAreInvalid() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let sha1 = ChecksumInfo(algorithm: nil, checksum: String(repeating: "a", count: 64))
            expectError(try await admin.addFile(session: session, SessionFileAddSpec(name: "a", sourceType: .push, checksumInfo: sha1)), .badRequest, "INVALID_ARGUMENT")
            let notHex = ChecksumInfo(algorithm: .md5, checksum: String(repeating: "z", count: 32))
            expectError(try await admin.addFile(session: session, SessionFileAddSpec(name: "a", sourceType: .push, checksumInfo: notHex)), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.addFile(session: session, SessionFileAddSpec(name: "a", sourceType: .push, size: -1)), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.addFile(session: session, SessionFileAddSpec(name: "a", sourceType: .none)), .badRequest, "INVALID_ARGUMENT")
            let endpoint = TransferEndpoint(uri: "https://example.com/a")
            expectError(
                try await admin.addFile(session: session, SessionFileAddSpec(name: "a", sourceType: .push, sourceEndpoint: endpoint)),
                .badRequest, "INVALID_ARGUMENT"
            )
            expectError(try await admin.send(.post, APIClient.sessions + "/\(session)/file", json: #"{"name":"a"}"#), .badRequest, "INVALID_ARGUMENT")
            expectError(
                try await admin.send(.post, APIClient.sessions + "/\(session)/file", json: #"{"name":"a","source_type":"CARRIER_PIGEON"}"#),
                .badRequest, "INVALID_ARGUMENT"
            )
            #expect(try await admin.sessionFiles(session: session).isEmpty)
        }
    }

    @Test func pullSourcesAreCheckedWhenAdded() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            func pull(_ uri: String) -> SessionFileAddSpec {
                SessionFileAddSpec(name: "a.iso", sourceType: .pull, sourceEndpoint: TransferEndpoint(uri: uri))
            }
            expectError(try await admin.addFile(session: session, pull("ds:///vmfs/volumes/v1/a.iso")), .badRequest, "UNSUPPORTED")
            expectError(try await admin.addFile(session: session, pull("ftp://127.0.0.1/a.iso")), .badRequest, "INVALID_ARGUMENT")
            // No import root is configured: every file source is refused.
            expectError(try await admin.addFile(session: session, pull("file:///etc/hostname")), .forbidden, "UNAUTHORIZED")
            expectError(
                try await admin.addFile(session: session, SessionFileAddSpec(name: "a.iso", sourceType: .pull)), .badRequest, "INVALID_ARGUMENT"
            )
            #expect(try await admin.sessionFiles(session: session).isEmpty)
        }
    }

    @Test func validateReportsNoErrorsForGenericContent() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            _ = try await admin.addPushFile(session: session, name: "waiting.txt")
            try await admin.addAndUpload(session: session, name: "a.txt", Array("abc".utf8))
            let response = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            #expect(response.status == .ok, "\(response.text)")
            let object = try response.object()
            #expect(Set(object.keys) == ["has_errors", "missing_files", "invalid_files"])
            let result = try response.decode(ValidationResult.self)
            #expect(!result.hasErrors)
            #expect(result.invalidFiles.isEmpty)
        }
    }

    @Test func validateReportsAnInvalidISO() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: "iso")
            try await admin.addAndUpload(session: session, name: "notes.txt", Array(repeating: 0x41, count: 4096))
            let response = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            #expect(response.status == .ok, "\(response.text)")
            let result = try response.decode(ValidationResult.self)
            #expect(result.hasErrors)
            #expect(result.invalidFiles.map(\.name).contains("notes.txt"))
        }
    }

    @Test func validateRefusesAFileInError() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "a.txt", size: 10)
            _ = try await admin.upload(try #require(file.uploadEndpoint?.uri), Array("short".utf8))
            let response = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            expectError(response, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "a.txt")
        }
    }
}
