//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Testing

/// `preview_info` before `complete`, for a type without metadata files: the user sees a blocking
/// warning, and can ignore it, before `complete` fails on it.
@Suite struct UpdateSessionPreviewTests {
    @Test func aContentTypesWarningsShowOnceEveryFileHasArrived() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession(type: ContentWarningAdapter.type)
        #expect(try await fixture.session(session).previewInfo?.state == .unavailable, "no file yet")

        let pending = try await fixture.push(session, name: "a.txt")
        try await fixture.pushAndUpload(session, name: "b.txt", Array("warn me".utf8))
        #expect(try await fixture.session(session).previewInfo?.state == .preparing, "a.txt has not arrived")

        try await fixture.upload(pending, [Array("fine".utf8)])
        let preview = try #require(try await fixture.session(session).previewInfo)
        #expect(preview.state == .available)
        #expect(preview.warnings?.map(\.type) == [ContentWarningAdapter.odd])
        #expect(preview.warnings?.first?.ignored == false)

        try await fixture.services.updateSessions.update(
            session, UpdateSessionModel(warningBehavior: [WarningBehavior(type: ContentWarningAdapter.odd, ignored: true)]), caller: fixture.admin
        )
        #expect(try await fixture.session(session).previewInfo?.warnings?.first?.ignored == true)
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        #expect(try await fixture.session(session).state == .done)
    }

    @Test func validateLeavesItsVerdictForThePreview() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession(type: ContentWarningAdapter.type)
        try await fixture.pushAndUpload(session, name: "a.txt", Array("warn me".utf8))
        let result = try await fixture.services.sessionFiles.validate(sessionID: session, caller: fixture.admin)
        #expect(!result.hasErrors, "a warning is not an error")
        #expect(try await fixture.session(session).previewInfo?.warnings?.map(\.type) == [ContentWarningAdapter.odd])
    }

    @Test func aMetadataTypeStillPreviewsFromItsMetadataAlone() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession(type: PackageAdapter.type)
        try await fixture.push(session, name: "disk.img")
        #expect(try await fixture.session(session).previewInfo?.state == .unavailable, "no descriptor yet")
        try await fixture.pushAndUpload(session, name: "package.desc", Array("warn UNSIGNED_PACKAGE not signed".utf8))
        let preview = try #require(try await fixture.session(session).previewInfo)
        #expect(preview.state == .available, "the disk may still be uploading")
        #expect(preview.warnings?.map(\.type) == [PackageAdapter.unsigned])
    }
}
