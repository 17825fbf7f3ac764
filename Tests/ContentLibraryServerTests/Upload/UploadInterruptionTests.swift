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

/// Uploads cut short by another call. The body is a stream the test feeds by hand, given to the
/// upload service directly, so the interleaving is exact rather than a matter of timing.
@Suite struct UploadInterruptionTests {
    /// Starts an upload of a PUSH file whose body the caller feeds; returns once the first
    /// chunk has been received.
    static func startUpload(
        _ server: TestServer, _ admin: APIClient, session: String, name: String
    ) async throws -> (task: Task<SessionFileInfo, any Error>, body: AsyncStream<ByteBuffer>.Continuation) {
        let file = try await admin.addPushFile(session: session, name: name)
        let url = try #require(file.uploadEndpoint?.uri)
        let token = String(try #require(url.split(separator: "/").dropLast().last))
        let (body, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        let files = server.services.sessionFiles
        let task = Task { try await files.upload(token: token, name: name, body: body) }
        continuation.yield(ByteBuffer(string: "first chunk"))
        for _ in 0..<500 {
            let info = try await admin.sessionFile(session: session, name: name)
            if info.status == .transferring && info.bytesTransferred > 0 { return (task, continuation) }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("the upload of \(name) did not start")
        return (task, continuation)
    }

    @Test func aFileRemovedDuringItsUploadStaysRemoved() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let (task, body) = try await Self.startUpload(server, admin, session: session, name: "a.bin")

            #expect(try await admin.send(.delete, APIClient.sessions + "/\(session)/file/a.bin").status == .noContent)
            body.yield(ByteBuffer(string: "second chunk"))
            body.finish()
            let info = try await task.value
            #expect(info.status == .error)

            #expect(try await admin.sessionFiles(session: session).isEmpty, "the removed file came back")
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).isEmpty)
        }
    }

    @Test func cancelStopsARunningUploadAndLeavesNoBytes() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (library, item, session) = try await Self.sessionOnNewItem(admin)
            let (task, body) = try await Self.startUpload(server, admin, session: session, name: "a.bin")

            #expect(try await admin.action("cancel", session: session).status == .noContent)
            body.yield(ByteBuffer(string: "second chunk"))
            body.finish()
            let info = try await task.value
            #expect(info.status == .error)
            #expect(info.errorMessage?.defaultMessage.contains("update session ended") == true)
            #expect(try await admin.session(session).state == .canceled)
            let folder = server.folder.path + "/datastores/datastore-1/\(library)/\(item)"
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] == [])
        }
    }

    @Test func anUploadEndingRightAfterCancelLeavesNoBytes() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (library, item, session) = try await Self.sessionOnNewItem(admin)
            let (task, body) = try await Self.startUpload(server, admin, session: session, name: "a.bin")
            #expect(try await admin.action("cancel", session: session).status == .noContent)
            body.finish()
            _ = try await task.value
            #expect(try await admin.session(session).state == .canceled)
            let folder = server.folder.path + "/datastores/datastore-1/\(library)/\(item)"
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] == [], "the canceled session's bytes stay on disk")
        }
    }

    @Test func aSecondUploadOfTheSameFileWhileOneRunsIsBusy() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await Self.sessionOnNewItem(admin)
            let (task, body) = try await Self.startUpload(server, admin, session: session, name: "a.bin")
            let url = try #require(try await admin.sessionFile(session: session, name: "a.bin").uploadEndpoint?.uri)
            // The upload endpoint answers 409 with the live offset, so a resuming client waits and retries.
            let second = try await admin.upload(url, [1])
            expectError(second, .conflict, "CONCURRENT_CHANGE", containing: "already being uploaded")
            #expect(second.headers[HTTPField.Name("Upload-Offset")!] == String("first chunk".utf8.count))
            // HEAD says an upload runs, so a resuming client waits instead of sending a body.
            let head = try await admin.anonymous.send(.head, try #require(URLComponents(string: url)?.percentEncodedPath))
            #expect(head.headers[HTTPField.Name("Upload-Active")!] == "?1")
            expectError(try await admin.addFile(session: session, SessionFileAddSpec(name: "a.bin", sourceType: .push)), .internalServerError, "RESOURCE_BUSY")
            body.finish()
            #expect(try await task.value.status == .ready)
            #expect(try await admin.sessionFile(session: session, name: "a.bin").size == Int64("first chunk".utf8.count))
            let after = try await admin.anonymous.send(.head, try #require(URLComponents(string: url)?.percentEncodedPath))
            #expect(after.headers[HTTPField.Name("Upload-Active")!] == "?0")
        }
    }

    static func sessionOnNewItem(_ admin: APIClient) async throws -> (library: String, item: String, session: String) {
        try await admin.createSessionOnNewItem()
    }
}
