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

/// `complete` with a type adapter (contract §7.6): the preview, warnings that fail the session,
/// content that is refused and leaves it ACTIVE, and files not kept in the item. The test
/// package adapter's descriptors say what it finds.
@Suite struct UpdateSessionCompleteTests {
    func descriptor(_ lines: String...) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }

    @Test func thePreviewFollowsTheMetadataFiles() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession(type: PackageAdapter.type)
        #expect(try await fixture.session(session).previewInfo == PreviewInfo(state: .unavailable))
        try await fixture.pushAndUpload(session, name: "disk.img", [1, 2, 3])
        #expect(try await fixture.session(session).previewInfo == PreviewInfo(state: .unavailable), "content files give no preview")

        let added = try await fixture.push(session, name: "package.desc")
        #expect(try await fixture.session(session).previewInfo == PreviewInfo(state: .preparing), "the descriptor is on its way")

        try await fixture.upload(added, [self.descriptor("warn UNSIGNED_PACKAGE The package is not signed.")])
        let preview = try #require(try await fixture.session(session).previewInfo)
        #expect(preview.state == .available)
        #expect(preview.warnings?.map(\.type) == [PackageAdapter.unsigned])
        #expect(preview.warnings?.first?.message.defaultMessage == "The package is not signed.")
        #expect(preview.warnings?.first?.ignored == false, "declared as blocking")

        try await fixture.services.updateSessions.update(
            session, UpdateSessionModel(warningBehavior: [WarningBehavior(type: PackageAdapter.unsigned, ignored: true)]), caller: fixture.admin
        )
        #expect(try await fixture.session(session).previewInfo?.warnings?.first?.ignored == true, "ignored reflects warning_behavior")
    }

    @Test func warningsNotIgnoredEndTheSessionInError() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession(type: PackageAdapter.type)
        try await fixture.pushAndUpload(session, name: "package.desc", self.descriptor("warn UNSIGNED_PACKAGE The package is not signed."))
        let error = await expectAPIError(.notAllowedInCurrentState) {
            try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        }
        let message = try #require(error?.messages.first)
        #expect(message.id == "com.vmware.content.library.item.update_session.warnings_not_ignored")
        #expect(message.args == ["UNSIGNED_PACKAGE"])
        #expect(message.defaultMessage.contains("UNSIGNED_PACKAGE: The package is not signed."))

        let ended = try await fixture.session(session)
        #expect(ended.state == .error)
        #expect(ended.errorMessage == message)
        #expect(try await fixture.services.items.files(item, caller: fixture.admin).isEmpty, "nothing reached the item")
        #expect(fixture.blobs().isEmpty, "what the session uploaded is gone")
        await expectAPIError(.notAllowedInCurrentState) { try await fixture.services.updateSessions.complete(session, caller: fixture.admin) }
    }

    @Test func ignoredWarningsLetTheSessionComplete() async throws {
        let fixture = try ServiceFixture()
        let item = try await fixture.newItem(type: PackageAdapter.type)
        let session = try await fixture.services.updateSessions.create(
            UpdateSessionModel(libraryItemID: item, warningBehavior: [WarningBehavior(type: PackageAdapter.unsigned, ignored: true)]),
            clientToken: nil, caller: fixture.admin
        )
        try await fixture.pushAndUpload(session, name: "package.desc", self.descriptor("warn UNSIGNED_PACKAGE The package is not signed."))
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        #expect(try await fixture.session(session).state == .done)
    }

    @Test func refusedContentLeavesTheSessionActiveToBeFixed() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession(type: PackageAdapter.type)
        try await fixture.pushAndUpload(session, name: "package.desc", self.descriptor("needs disk.img"))
        let missing = await expectAPIError(.notAllowedInCurrentState) {
            try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        }
        #expect(missing?.messages.first?.defaultMessage.contains("missing files: disk.img") == true)
        #expect(try await fixture.session(session).state == .active)
        let validation = try await fixture.services.sessionFiles.validate(sessionID: session, caller: fixture.admin)
        #expect(validation.hasErrors)
        #expect(validation.missingFiles == ["disk.img"])

        // A file still waiting for its bytes refuses complete too, and the session stays.
        let disk = try await fixture.push(session, name: "disk.img")
        await expectAPIError(.notAllowedInCurrentState) { try await fixture.services.updateSessions.complete(session, caller: fixture.admin) }
        #expect(try await fixture.session(session).state == .active)

        try await fixture.upload(disk, [[1, 2, 3]])
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        #expect(try await fixture.session(session).state == .done)
        #expect(Set(try await fixture.services.items.files(item, caller: fixture.admin).map(\.name)) == ["package.desc", "disk.img"])
    }

    @Test func invalidContentLeavesTheSessionActive() async throws {
        let fixture = try ServiceFixture()
        let (_, session) = try await fixture.newSession(type: PackageAdapter.type)
        try await fixture.pushAndUpload(session, name: "package.desc", self.descriptor("bad the descriptor is broken"))
        let error = await expectAPIError(.notAllowedInCurrentState) {
            try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        }
        #expect(error?.messages.first?.defaultMessage.contains("invalid files: package.desc (the descriptor is broken)") == true)
        #expect(try await fixture.session(session).state == .active)
    }

    @Test func filesNotKeptInStorageDoNotReachTheItem() async throws {
        let fixture = try ServiceFixture()
        let (item, session) = try await fixture.newSession(type: PackageAdapter.type)
        try await fixture.pushAndUpload(session, name: "package.desc", self.descriptor("needs package.sig"))
        let signature = try await fixture.pushAndUpload(session, name: "package.sig", [9, 9])
        #expect(signature.keepInStorage == false)
        try await fixture.services.updateSessions.complete(session, caller: fixture.admin)
        #expect(try await fixture.services.items.files(item, caller: fixture.admin).map(\.name) == ["package.desc"])
        #expect(fixture.blobs().count == 1, "the signature's blob is collected with the session")
    }
}
