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
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Uploads that resume: `HEAD` for the offset, `PUT` with `Content-Range` for the rest, digests
/// that continue across pieces, and bytes that survive a dropped connection.
@Suite struct ResumableUploadTests {
    static let contentRange = HTTPField.Name("Content-Range")!
    static let uploadOffset = HTTPField.Name("Upload-Offset")!

    static func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    }

    static func sha256(_ bytes: [UInt8]) -> ChecksumInfo {
        ChecksumInfo(algorithm: .sha256, checksum: StreamingHasher.digest(bytes, algorithm: .sha256))
    }

    /// Sends one piece of a file with `Content-Range: bytes start-end/total`.
    static func put(_ admin: APIClient, _ url: String, _ bytes: [UInt8], range: ClosedRange<Int>, total: Int) async throws -> TestResponse {
        let path = try #require(URLComponents(string: url)?.percentEncodedPath)
        return try await admin.anonymous.send(
            .put, path, body: ByteBuffer(bytes: bytes[range]),
            headers: [.contentType: "application/octet-stream", Self.contentRange: "bytes \(range.lowerBound)-\(range.upperBound)/\(total)"]
        )
    }

    static func offset(_ admin: APIClient, _ url: String) async throws -> TestResponse {
        try await admin.anonymous.send(.head, try #require(URLComponents(string: url)?.percentEncodedPath))
    }

    @Test func piecesAppendAndTheChecksumCoversTheWholeFile() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let bytes = Self.bytes(3000)
            let url = try #require(
                try await admin.addPushFile(session: session, name: "a.bin", size: 3000, checksum: Self.sha256(bytes)).uploadEndpoint?.uri
            )
            #expect(try await Self.offset(admin, url).headers[Self.uploadOffset] == "0")

            let first = try await Self.put(admin, url, bytes, range: 0...999, total: 3000)
            #expect(first.status == .ok)
            #expect(first.headers[Self.uploadOffset] == "1000")
            #expect(try first.object()["status"] as? String == "TRANSFERRING")
            let head = try await Self.offset(admin, url)
            #expect(head.headers[Self.uploadOffset] == "1000")
            #expect(head.headers[.contentLength] == "1000")
            #expect(try await admin.sessionFile(session: session, name: "a.bin").status == .transferring)

            #expect(try await Self.put(admin, url, bytes, range: 1000...1999, total: 3000).status == .ok)
            let last = try await Self.put(admin, url, bytes, range: 2000...2999, total: 3000)
            #expect(try last.object()["status"] as? String == "READY")

            let info = try await admin.sessionFile(session: session, name: "a.bin")
            #expect(info.status == .ready)
            #expect(info.size == 3000)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.size) == [3000])
        }
    }

    @Test func aPieceThatDoesNotStartAtTheOffsetIsAConflictNamingIt() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let bytes = Self.bytes(100)
            let url = try #require(try await admin.addPushFile(session: session, name: "a.bin").uploadEndpoint?.uri)
            #expect(try await Self.put(admin, url, bytes, range: 0...39, total: 100).status == .ok)

            let ahead = try await Self.put(admin, url, bytes, range: 50...99, total: 100)
            expectError(ahead, .conflict, "CONCURRENT_CHANGE", containing: "resume from 40")
            #expect(ahead.headers[Self.uploadOffset] == "40")
            let behind = try await Self.put(admin, url, bytes, range: 20...99, total: 100)
            #expect(behind.status == .conflict)
            // Nothing was taken from the refused pieces.
            #expect(try await Self.offset(admin, url).headers[Self.uploadOffset] == "40")
            #expect(try await Self.put(admin, url, bytes, range: 40...99, total: 100).status == .ok)
            #expect(try await admin.sessionFile(session: session, name: "a.bin").status == .ready)
        }
    }

    @Test func aPlainPutStartsTheFileOver() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let bytes = Self.bytes(100)
            let url = try #require(
                try await admin.addPushFile(session: session, name: "a.bin", checksum: Self.sha256(bytes)).uploadEndpoint?.uri
            )
            #expect(try await Self.put(admin, url, Array(repeating: 0, count: 100), range: 0...49, total: 100).status == .ok)
            #expect(try await admin.upload(url, bytes).status == .ok)
            let info = try await admin.sessionFile(session: session, name: "a.bin")
            #expect(info.status == .ready)
            #expect(info.size == 100)
        }
    }

    @Test(arguments: ["bytes 10-5/100", "bytes 0-99/50", "items 0-9/10", "bytes 0-9/*", "bytes -5/10"])
    func malformedRangesAreInvalidArguments(header: String) async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let url = try #require(try await admin.addPushFile(session: session, name: "a.bin").uploadEndpoint?.uri)
            let path = try #require(URLComponents(string: url)?.percentEncodedPath)
            let response = try await admin.anonymous.send(.put, path, body: ByteBuffer(bytes: Self.bytes(10)), headers: [Self.contentRange: header])
            expectError(response, .badRequest, "INVALID_ARGUMENT", containing: "Content-Range")
            #expect(try await admin.sessionFile(session: session, name: "a.bin").status == .waitingForTransfer)
        }
    }

    @Test func aTotalOtherThanTheDeclaredSizeIsRefused() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let url = try #require(try await admin.addPushFile(session: session, name: "a.bin", size: 100).uploadEndpoint?.uri)
            let response = try await Self.put(admin, url, Self.bytes(200), range: 0...49, total: 200)
            expectError(response, .badRequest, "INVALID_ARGUMENT", containing: "100 were declared")
        }
    }

    @Test func aDroppedConnectionLeavesTheBytesAndTheFileTransferringUntilExpiry() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let bytes = Self.bytes(5000)
            let added = try await admin.addPushFile(session: session, name: "a.bin", size: 5000, checksum: Self.sha256(bytes))
            let url = try #require(added.uploadEndpoint?.uri)
            let token = String(try #require(url.split(separator: "/").dropLast().last))

            // The body breaks off after 1800 bytes, as a dropped connection does.
            struct Dropped: Error {}
            let body = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
                continuation.yield(ByteBuffer(bytes: bytes[0..<1000]))
                continuation.yield(ByteBuffer(bytes: bytes[1000..<1800]))
                continuation.finish(throwing: Dropped())
            }
            let cut = try await server.services.sessionFiles.upload(token: token, name: "a.bin", body: body, piece: .whole(length: 5000))
            #expect(cut.status == .transferring)
            #expect(cut.bytesTransferred == 1800)
            #expect(try await Self.offset(admin, url).headers[Self.uploadOffset] == "1800")
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "a.bin")

            // A body that ends short of its Content-Length was cut too, whatever the transport says.
            let short = AsyncStream<ByteBuffer> { continuation in
                continuation.yield(ByteBuffer(bytes: bytes[1800..<2500]))
                continuation.finish()
            }
            let second = try await server.services.sessionFiles.upload(
                token: token, name: "a.bin", body: short, piece: .range(start: 1800, end: 4999, total: 5000)
            )
            #expect(second.status == .transferring)
            #expect(second.bytesTransferred == 2500)

            #expect(try await Self.put(admin, url, bytes, range: 2500...4999, total: 5000).status == .ok)
            #expect(try await admin.sessionFile(session: session, name: "a.bin").status == .ready)
        }
    }

    @Test func aCutUploadLeftAloneEndsWithTheSession() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (library, item, session) = try await admin.createSessionOnNewItem()
            let url = try #require(try await admin.addPushFile(session: session, name: "a.bin").uploadEndpoint?.uri)
            #expect(try await Self.put(admin, url, Self.bytes(100), range: 0...49, total: 100).status == .ok)

            server.clock.advance(by: 301)
            #expect(try await server.services.updateSessions.reap().expired == 1)
            #expect(try await admin.session(session).state == .error)
            expectError(try await Self.put(admin, url, Self.bytes(100), range: 50...99, total: 100), .notFound, "NOT_FOUND")
            // The partial bytes went with the session.
            let folder = server.folder.path + "/datastores/datastore-1/\(library)/\(item)"
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty)
        }
    }
}
