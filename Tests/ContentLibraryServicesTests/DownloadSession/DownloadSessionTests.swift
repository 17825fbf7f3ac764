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
import NIOCore
import Testing

/// Download sessions through the services: the life cycle, ownership, expiry with the update
/// sessions' rule, and the pinning of the version a session serves.
@Suite struct DownloadSessionTests {
    let base = "http://localhost"

    /// An item whose one file `name` holds `bytes`, completed through an update session.
    static func item(_ fixture: ServiceFixture, name: String, _ bytes: [UInt8]) async throws -> String {
        let (item, session) = try await fixture.newSession()
        try await fixture.pushAndUpload(session, name: name, bytes)
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        return item
    }

    /// Replaces the item's file with `bytes` in a new update session.
    static func replace(_ fixture: ServiceFixture, item: String, name: String, _ bytes: [UInt8]) async throws {
        let session = try await fixture.services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        try await fixture.pushAndUpload(session, name: name, bytes)
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
    }

    /// Every byte the download URL of a prepared file serves.
    static func fetch(_ fixture: ServiceFixture, _ info: DownloadFileInfo, range: Range<Int64>? = nil) async throws -> [UInt8] {
        let uri = try #require(info.downloadEndpoint?.uri)
        let parts = uri.split(separator: "/")
        let target = try await fixture.services.downloadFiles.download(token: String(parts[parts.count - 2]), name: info.name)
        var bytes: [UInt8] = []
        try await fixture.services.downloadFiles.serve(target, range: range ?? 0..<target.file.size) { bytes += Array(buffer: $0) }
        return bytes
    }

    @Test func aSessionListsPreparesAndServesTheItemsFiles() async throws {
        let fixture = try ServiceFixture()
        let bytes = Array("the bytes of an item".utf8)
        let item = try await Self.item(fixture, name: "a.txt", bytes)
        let downloads = fixture.services.downloadSessions
        let id = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        let model = try await downloads.get(id, caller: fixture.admin)
        #expect(model.state == .active)
        #expect(model.libraryItemContentVersion == (try await fixture.services.items.get(item, caller: fixture.admin)).contentVersion)
        let expiration = try #require(model.expirationTime)
        #expect(abs(expiration.timeIntervalSince(fixture.now.addingTimeInterval(fixture.sessionTimeout))) < 0.001)

        let files = fixture.services.downloadFiles
        let listed = try await files.list(sessionID: id, downloadBase: self.base, caller: fixture.admin)
        #expect(listed.map(\.name) == ["a.txt"])
        #expect(listed.first?.status == .unprepared)
        #expect(listed.first?.downloadEndpoint == nil)
        let prepared = try await files.prepare(sessionID: id, name: "a.txt", endpointType: .https, downloadBase: self.base, caller: fixture.admin)
        #expect(prepared.status == .prepared)
        #expect(prepared.size == Int64(bytes.count))
        #expect(prepared.checksumInfo == ChecksumInfo(algorithm: .sha256, checksum: StreamingHasher.digest(bytes, algorithm: .sha256)))
        #expect(prepared.downloadEndpoint?.uri.hasPrefix(self.base + "/cls/download/") == true)
        #expect(try await Self.fetch(fixture, prepared) == bytes)
        #expect(try await Self.fetch(fixture, prepared, range: 4..<9) == Array(bytes[4..<9]))
        #expect(try await files.get(sessionID: id, name: "a.txt", downloadBase: self.base, caller: fixture.admin).bytesTransferred == Int64(bytes.count))
        let again = try await files.prepare(sessionID: id, name: "a.txt", endpointType: nil, downloadBase: self.base, caller: fixture.admin)
        #expect(again.downloadEndpoint == prepared.downloadEndpoint, "preparing a prepared file keeps its URL")
        await expectAPIError(.unsupported, "DIRECT endpoints") {
            _ = try await files.prepare(sessionID: id, name: "a.txt", endpointType: .direct, downloadBase: self.base, caller: fixture.admin)
        }
        await expectAPIError(.notFound, "a file the item does not have") {
            _ = try await files.prepare(sessionID: id, name: "b.txt", endpointType: nil, downloadBase: self.base, caller: fixture.admin)
        }
    }

    @Test func aSessionServesItsVersionWhileANewerOneCompletesAndFreesItAtItsEnd() async throws {
        let fixture = try ServiceFixture()
        let old = Array("version one".utf8), new = Array("version two, longer".utf8)
        let item = try await Self.item(fixture, name: "a.txt", old)
        let downloads = fixture.services.downloadSessions
        let id = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        try await Self.replace(fixture, item: item, name: "a.txt", new)
        #expect(fixture.blobs().count == 2, "the version the session serves is kept")

        let files = fixture.services.downloadFiles
        let pinned = try await files.prepare(sessionID: id, name: "a.txt", endpointType: nil, downloadBase: self.base, caller: fixture.admin)
        #expect(try await Self.fetch(fixture, pinned) == old)
        let fresh = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        let current = try await files.prepare(sessionID: fresh, name: "a.txt", endpointType: nil, downloadBase: self.base, caller: fixture.admin)
        #expect(try await Self.fetch(fixture, current) == new)

        try await downloads.cancel(id, caller: fixture.admin)
        #expect(fixture.blobs().count == 1, "the old version goes when its last session ends")
        await expectAPIError(.notFound, "the URL died with the session") { _ = try await Self.fetch(fixture, pinned) }
        #expect(try await Self.fetch(fixture, current) == new)
    }

    @Test func cancelFailDeleteAndTheirStates() async throws {
        let fixture = try ServiceFixture()
        let item = try await Self.item(fixture, name: "a.txt", [1, 2, 3])
        let downloads = fixture.services.downloadSessions
        let first = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        try await downloads.keepAlive(first, progress: 30, caller: fixture.admin)
        try await downloads.keepAlive(first, progress: nil, caller: fixture.admin)
        try await downloads.keepAlive(first, progress: 10, caller: fixture.admin)
        #expect(try await downloads.get(first, caller: fixture.admin).clientProgress == 30, "progress never moves back")
        await expectAPIError(.invalidArgument, "progress over 100") { try await downloads.keepAlive(first, progress: 101, caller: fixture.admin) }
        try await downloads.fail(first, message: "disk full on the client", caller: fixture.admin)
        let failed = try await downloads.get(first, caller: fixture.admin)
        #expect(failed.state == .error)
        #expect(failed.errorMessage?.defaultMessage == "disk full on the client")
        await expectAPIError(.notAllowedInCurrentState, "keep-alive after the end") { try await downloads.keepAlive(first, progress: nil, caller: fixture.admin) }
        await expectAPIError(.notAllowedInCurrentState, "cancel after the end") { try await downloads.cancel(first, caller: fixture.admin) }

        let second = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        #expect(Set(try await downloads.list(itemID: item, caller: fixture.admin)) == [first, second], "several sessions may read one item")
        try await downloads.delete(second, caller: fixture.admin)
        try await downloads.delete(first, caller: fixture.admin)
        #expect(try await downloads.list(itemID: nil, caller: fixture.admin).isEmpty)
    }

    @Test func anotherUsersSessionDoesNotExistAndClientTokensAreIdempotent() async throws {
        let fixture = try ServiceFixture()
        let item = try await Self.item(fixture, name: "a.txt", [1])
        let downloads = fixture.services.downloadSessions
        let token = UUID().uuidString.lowercased()
        let id = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: token, caller: fixture.admin)
        #expect(try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: token, caller: fixture.admin) == id)
        await expectAPIError(.notFound, "another user's session") { _ = try await downloads.get(id, caller: fixture.other) }
        await expectAPIError(.notFound, "another user's session") { try await downloads.cancel(id, caller: fixture.other) }
        await expectAPIError(.notFound, "another user's files") {
            _ = try await fixture.services.downloadFiles.list(sessionID: id, downloadBase: self.base, caller: fixture.other)
        }
        #expect(try await downloads.list(itemID: nil, caller: fixture.other).isEmpty)
        let reader = Caller(user: "reader@vsphere.local", privileges: [.readStorage])
        await expectAPIError(.unauthorized, "without ContentLibrary.DownloadSession") {
            _ = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: reader)
        }
    }

    @Test func anIdleSessionExpiresByTheUpdateSessionsRuleAndActivityDefersIt() async throws {
        let fixture = try ServiceFixture()
        let item = try await Self.item(fixture, name: "a.txt", [1, 2])
        let downloads = fixture.services.downloadSessions
        let id = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        fixture.advance(by: fixture.sessionTimeout - 1)
        let prepared = try await fixture.services.downloadFiles.prepare(
            sessionID: id, name: "a.txt", endpointType: nil, downloadBase: self.base, caller: fixture.admin
        )
        fixture.advance(by: fixture.sessionTimeout - 1)
        _ = try await Self.fetch(fixture, prepared)
        fixture.advance(by: fixture.sessionTimeout - 1)
        #expect(try await downloads.reap().expired == 0, "bytes served are activity")
        fixture.advance(by: 2)
        #expect(try await downloads.reap().expired == 1)
        #expect(try await downloads.reap().expired == 0, "a session expires once")
        let expired = try await downloads.get(id, caller: fixture.admin)
        #expect(expired.state == .error)
        #expect(expired.errorMessage?.id == "com.vmware.content.library.item.download_session.expired")
    }
}
