//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryModel
@testable import ContentLibraryServices
import Foundation
import Testing

/// Every limit is refused with `UnableToAllocateResource` naming it, or fails the file naming it.
@Suite struct ServiceLimitsTests {
    @Test func aFileDeclaredOverTheLimitIsRefused() async throws {
        let fixture = try ServiceFixture(limits: ServiceLimits(maxFileSize: 100))
        let (_, session) = try await fixture.newSession()
        let error = await expectAPIError(.unableToAllocateResource) { try await fixture.push(session, name: "big.bin", size: 101) }
        #expect(error?.messages.first?.defaultMessage.contains("max_file_size") == true)
        #expect(try await fixture.push(session, name: "ok.bin", size: 100).name == "ok.bin")
    }

    @Test func aFileReceivedOverTheLimitFailsNamingIt() async throws {
        let fixture = try ServiceFixture(limits: ServiceLimits(maxFileSize: 100))
        let (_, session) = try await fixture.newSession()
        let file = try await fixture.push(session, name: "big.bin")
        let settled = try await fixture.upload(file, [[UInt8](repeating: 1, count: 60), [UInt8](repeating: 2, count: 60)])
        #expect(settled.status == .error)
        #expect(settled.errorMessage?.defaultMessage.contains("max_file_size") == true, "\(String(describing: settled.errorMessage))")
    }

    @Test func aSessionTakesAtMostItsFiles() async throws {
        let fixture = try ServiceFixture(limits: ServiceLimits(maxFilesPerSession: 2))
        let (_, session) = try await fixture.newSession()
        try await fixture.push(session, name: "a")
        try await fixture.push(session, name: "b")
        try await fixture.push(session, name: "b")  // adding a file again replaces it
        let error = await expectAPIError(.unableToAllocateResource) { try await fixture.push(session, name: "c") }
        #expect(error?.messages.first?.defaultMessage.contains("max_files_per_session") == true)
    }

    @Test func aUserHoldsAtMostItsActiveSessions() async throws {
        let fixture = try ServiceFixture(limits: ServiceLimits(maxActiveSessionsPerUser: 1))
        let (_, first) = try await fixture.newSession()
        let item = try await fixture.newItem()
        let error = await expectAPIError(.unableToAllocateResource) {
            try await fixture.services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        }
        #expect(error?.messages.first?.defaultMessage.contains("max_active_sessions_per_user") == true)
        let other = try await fixture.services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.other)
        #expect(!other.isEmpty, "the limit is per user")
        try await fixture.services.updateSessions.cancel(first, caller: fixture.admin)
        let third = try await fixture.newItem()
        #expect(!(try await fixture.services.updateSessions.create(UpdateSessionModel(libraryItemID: third), clientToken: nil, caller: fixture.admin)).isEmpty)
    }

    @Test func aUserHoldsAtMostItsActiveDownloadSessionsCountedApart() async throws {
        let fixture = try ServiceFixture(limits: ServiceLimits(maxActiveSessionsPerUser: 1))
        let (item, _) = try await fixture.newSession()
        let downloads = fixture.services.downloadSessions
        let first = try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        let error = await expectAPIError(.unableToAllocateResource) {
            try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)
        }
        #expect(error?.messages.first?.defaultMessage.contains("max_active_sessions_per_user") == true)
        try await downloads.cancel(first, caller: fixture.admin)
        #expect(!(try await downloads.create(DownloadSessionModel(libraryItemID: item), clientToken: nil, caller: fixture.admin)).isEmpty)
    }

    @Test func uploadsIntoOneSessionAreCounted() async throws {
        let fixture = try ServiceFixture()
        let (_, s) = try await fixture.newSession()
        let (_, t) = try await fixture.newSession()
        let registry = TransferRegistry(context: fixture.services.context)
        #expect(try await registry.begin(sessionID: s, name: "a", limit: 2) == .started)
        #expect(try await registry.begin(sessionID: s, name: "a", limit: 2) == .running(0), "the same file is busy")
        #expect(try await registry.begin(sessionID: s, name: "b", limit: 2) == .started)
        #expect(try await registry.begin(sessionID: s, name: "c", limit: 2) == .sessionFull, "the session is full")
        #expect(try await registry.begin(sessionID: t, name: "c", limit: 2) == .started, "per session")
        registry.end(sessionID: s, name: "a")
        #expect(try await registry.begin(sessionID: s, name: "c", limit: 2) == .started, "an ended transfer frees its slot at once")
    }
}
