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

/// The capability upload endpoint `/cls/data/<token>/<name>`.
@Suite struct UploadTests {
    static let bytes = Array("the quick brown fox".utf8)

    /// Digests of `bytes`, from `sha256sum` and `sha1sum`.
    static let sha256 = "9ecb36561341d18eb65484e833efea61edc74b84cf5e6ae1b81c63533e25fc8f"
    static let sha1 = "ced71fa7235231bed383facfdc41c4ddcc22ecf1"
    /// SHA-256 of the 3 000 000 bytes `i * 31` of `aLargeUploadArrivesWhole`.
    static let largeSHA256 = "743fd190d8ee22d6c4146e71a2cb8dfb25746a0fec3d453def83406d51e1b443"

    @Test(arguments: [HTTPRequest.Method.put, .post])
    func uploadWorksWithPutOrPostAndNoSessionHeader(method: HTTPRequest.Method) async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(
                session: session, name: "fox.txt", size: Int64(Self.bytes.count),
                checksum: ChecksumInfo(algorithm: .sha256, checksum: Self.sha256.uppercased())
            )
            let response = try await admin.upload(try #require(file.uploadEndpoint?.uri), Self.bytes, method: method, contentType: "text/ovf")
            #expect(response.status == .ok, "\(response.text)")
            let object = try response.object()
            #expect(object["status"] as? String == "READY")
            #expect(object["size"] as? Int == Self.bytes.count)

            let info = try await admin.sessionFile(session: session, name: "fox.txt")
            #expect(info.status == .ready)
            #expect(info.size == Int64(Self.bytes.count))
            #expect(info.bytesTransferred == Int64(Self.bytes.count))
            #expect(info.errorMessage == nil)
            #expect(try await admin.session(session).state == .active)
        }
    }

    @Test func sha1IsTheDefaultChecksumAlgorithm() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "fox.txt", checksum: ChecksumInfo(algorithm: nil, checksum: Self.sha1))
            let response = try await admin.upload(try #require(file.uploadEndpoint?.uri), Self.bytes)
            #expect(response.status == .ok, "\(response.text)")
        }
    }

    @Test func aSizeMismatchPutsTheFileInErrorAndItMayBeUploadedAgain() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "fox.txt", size: 100)
            let url = try #require(file.uploadEndpoint?.uri)
            let short = try await admin.upload(url, Self.bytes)
            let expected = "fox.txt: the declared size is 100 bytes but \(Self.bytes.count) bytes were received."
            expectError(short, .badRequest, "INVALID_ARGUMENT", containing: expected)
            let failed = try await admin.sessionFile(session: session, name: "fox.txt")
            #expect(failed.status == .error)
            #expect(failed.errorMessage?.defaultMessage == expected)
            #expect(failed.size == nil)
            #expect(try await admin.session(session).state == .active)

            let long = try await admin.upload(url, [UInt8](repeating: 1, count: 101))
            expectError(long, .badRequest, "INVALID_ARGUMENT", containing: "more than the declared 100 bytes")

            let right = try await admin.upload(url, [UInt8](repeating: 7, count: 100))
            #expect(right.status == .ok, "\(right.text)")
            let ready = try await admin.sessionFile(session: session, name: "fox.txt")
            #expect(ready.status == .ready)
            #expect(ready.errorMessage == nil)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.size) == [100])
        }
    }

    @Test func aChecksumMismatchPutsTheFileInErrorAndNamesBothSums() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let wrong = String(repeating: "0", count: 64)
            let file = try await admin.addPushFile(session: session, name: "fox.txt", checksum: ChecksumInfo(algorithm: .sha256, checksum: wrong))
            let url = try #require(file.uploadEndpoint?.uri)
            let response = try await admin.upload(url, Self.bytes)
            let expected = "fox.txt: the SHA256 checksum is \(Self.sha256) but \(wrong) was declared."
            expectError(response, .badRequest, "INVALID_ARGUMENT", containing: expected)
            let failed = try await admin.sessionFile(session: session, name: "fox.txt")
            #expect(failed.status == .error)
            #expect(failed.errorMessage?.defaultMessage == expected)
            #expect(try await admin.session(session).state == .active)
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "fox.txt (ERROR)")

            // Add the file again with the right checksum: the same name, a new upload.
            let again = try await admin.addPushFile(session: session, name: "fox.txt", checksum: ChecksumInfo(algorithm: .sha256, checksum: Self.sha256))
            #expect(again.status == .waitingForTransfer)
            #expect(again.uploadEndpoint?.uri != url)
            expectError(try await admin.upload(url, Self.bytes), .notFound, "NOT_FOUND")
            #expect(try await admin.upload(try #require(again.uploadEndpoint?.uri), Self.bytes).status == .ok)
            #expect(try await admin.action("complete", session: session).status == .noContent)
        }
    }

    @Test func unknownTokensAndNamesAreNotFound() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "fox.txt")
            let url = try #require(file.uploadEndpoint?.uri)
            expectError(try await admin.upload("/cls/data/\(String(repeating: "a", count: 32))/fox.txt", Self.bytes), .notFound, "NOT_FOUND")
            expectError(try await admin.upload("/cls/data/not-a-token/fox.txt", Self.bytes), .notFound, "NOT_FOUND")
            let otherName = url.replacingOccurrences(of: "/fox.txt", with: "/dog.txt")
            expectError(try await admin.upload(otherName, Self.bytes), .notFound, "NOT_FOUND")
            #expect(try await admin.sessionFile(session: session, name: "fox.txt").status == .waitingForTransfer)
        }
    }

    @Test func uploadAfterCancelIsNotFoundAndLeavesNothing() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (library, item, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "fox.txt")
            let done = try await admin.addAndUpload(session: session, name: "done.txt", Self.bytes)
            #expect(done.status == .ready)
            #expect(try await admin.action("cancel", session: session).status == .noContent)
            expectError(try await admin.upload(try #require(file.uploadEndpoint?.uri), Self.bytes), .notFound, "NOT_FOUND")
            let folder = server.folder.path + "/datastores/datastore-1/\(library)/\(item)"
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] == [], "canceled uploads are collected")
        }
    }

    @Test func namesNeedingPercentEncodingRoundTrip() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let name = "my disk #1?.vmdk"
            let file = try await admin.addPushFile(session: session, name: name)
            let url = try #require(file.uploadEndpoint?.uri)
            #expect(!url.contains(" ") && !url.contains("#") && !url.contains("?"))
            #expect(try await admin.upload(url, Self.bytes).status == .ok)
            #expect(try await admin.sessionFile(session: session, name: name).status == .ready)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == [name])
        }
    }

    @Test(arguments: ["100%25 done %.txt", "a%41.txt"])
    func namesWithAPercentSignRoundTrip(name: String) async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: name)
            #expect(try await admin.sessionFile(session: session, name: name).name == name)
            let upload = try await admin.upload(try #require(file.uploadEndpoint?.uri), Self.bytes)
            #expect(upload.status == .ok, "\(upload.text)")
            #expect(try await admin.send(.delete, APIClient.sessions + "/\(session)/file/" + APIClient.encode(name)).status == .noContent)
            #expect(try await admin.sessionFiles(session: session).isEmpty)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).isEmpty)
        }
    }

    @Test func anEmptyFileUploads() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "empty", size: 0)
            #expect(try await admin.upload(try #require(file.uploadEndpoint?.uri), []).status == .ok)
            #expect(try await admin.sessionFile(session: session, name: "empty").size == 0)
        }
    }

    @Test func aLargeUploadArrivesWhole() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let file = try await admin.addPushFile(
                session: session, name: "big.bin", size: Int64(bytes.count), checksum: ChecksumInfo(algorithm: .sha256, checksum: Self.largeSHA256)
            )
            #expect(try await admin.upload(try #require(file.uploadEndpoint?.uri), bytes).status == .ok)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            let storage = try await admin.send(.get, "/api/content/library/item/\(item)/storage").decode([StorageInfo].self)
            let path = String(try #require(storage.first?.storageURIs.first).dropFirst("file://".count))
            #expect(FileManager.default.contents(atPath: path) == Data(bytes))
        }
    }
}
