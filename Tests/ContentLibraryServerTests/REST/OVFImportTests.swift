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

/// A signed OVF package imported the way VMware's sample does it: manifest and certificate, then
/// the descriptor and its disk, the preview polled, the certificate warnings ignored, complete.
@Suite struct OVFImportTests {
    static let package = "cert/self-signed"

    /// Adds and uploads the files of the signed fixture package in the order the API wants
    /// (manifest and certificate before the descriptor).
    func uploadPackage(_ admin: APIClient, session: String, files: [String] = ["pkg.mf", "pkg.cert", "pkg.ovf", "disk1.vmdk"]) async throws {
        for name in files {
            try await admin.addAndUpload(session: session, name: name, try Fixtures.bytes("\(Self.package)/\(name)"))
        }
    }

    @Test func aSignedPackageCompletesOnceItsWarningsAreIgnored() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "ovf")
            #expect(try await admin.session(session).previewInfo?.state == .unavailable)

            try await self.uploadPackage(admin, session: session, files: ["pkg.mf", "pkg.cert"])
            // A manifest and certificate alone say nothing about the package yet.
            #expect(try await admin.session(session).previewInfo?.state == .unavailable)

            try await self.uploadPackage(admin, session: session, files: ["pkg.ovf", "disk1.vmdk"])
            let preview = try #require(try await admin.session(session).previewInfo)
            #expect(preview.state == .available)
            #expect(preview.certificateInfo?.selfSigned == true)
            #expect(preview.certificateInfo?.subject.contains("Fixture Self-Signed Signer") == true)
            #expect(preview.certChain?.count == 1)
            let warnings = try #require(preview.warnings)
            #expect(Set(warnings.map(\.type)) == [.selfSignedCertificate, .untrustedCertificate])
            #expect(warnings.allSatisfy { !$0.ignored })

            let validation = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            #expect(try validation.decode(ValidationResult.self) == ValidationResult(hasErrors: false, missingFiles: [], invalidFiles: []))

            let ignore = UpdateSessionModel(warningBehavior: [
                WarningBehavior(type: .selfSignedCertificate, ignored: true),
                WarningBehavior(type: .untrustedCertificate, ignored: true),
            ])
            #expect(try await admin.send(.patch, APIClient.sessions + "/\(session)", value: ignore).status == .noContent)
            #expect(try await admin.session(session).previewInfo?.warnings?.allSatisfy(\.ignored) == true)

            let files = try await admin.sessionFiles(session: session)
            #expect(files.first { $0.name == "pkg.mf" }?.keepInStorage == false)
            #expect(files.first { $0.name == "pkg.cert" }?.keepInStorage == false)

            #expect(try await admin.action("complete", session: session).status == .noContent)
            let done = try await admin.session(session)
            #expect(done.state == .done)
            #expect(done.previewInfo == nil)
            // The manifest and certificate are not kept as item files.
            #expect(try await admin.itemFiles(item).map(\.name) == ["disk1.vmdk", "pkg.ovf"])
            #expect(try await admin.item(item).contentVersion == "0000000002")
        }
    }

    @Test func warningsNotIgnoredEndTheSessionInError() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "ovf")
            try await self.uploadPackage(admin, session: session)
            let response = try await admin.action("complete", session: session)
            expectError(response, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "SELF_SIGNED_CERTIFICATE")
            let failed = try await admin.session(session)
            #expect(failed.state == .error)
            #expect(failed.errorMessage?.defaultMessage.contains("UNTRUSTED_CERTIFICATE") == true)
            #expect(try await admin.itemFiles(item).isEmpty)
            #expect(try await admin.item(item).contentVersion == "0000000001")
        }
    }

    @Test func aManifestAfterTheDescriptorIsRefused() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: "ovf")
            try await self.uploadPackage(admin, session: session, files: ["pkg.ovf"])
            let response = try await admin.addFile(session: session, SessionFileAddSpec(name: "pkg.mf", sourceType: .push))
            expectError(response, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "after the descriptor")
        }
    }

    @Test func aMissingDiskIsNamedByValidateAndComplete() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: "ovf")
            try await self.uploadPackage(admin, session: session, files: ["pkg.mf", "pkg.cert", "pkg.ovf"])
            let validation = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            let result = try validation.decode(ValidationResult.self)
            #expect(result.hasErrors && result.missingFiles == ["disk1.vmdk"])
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "disk1.vmdk")
            #expect(try await admin.session(session).state == .active)
        }
    }

    @Test func aTamperedDiskIsInvalidThroughTheManifest() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: "ovf")
            try await self.uploadPackage(admin, session: session, files: ["pkg.mf", "pkg.cert", "pkg.ovf"])
            var disk = try Fixtures.bytes("\(Self.package)/disk1.vmdk")
            disk[disk.count - 1] ^= 0xFF
            try await admin.addAndUpload(session: session, name: "disk1.vmdk", disk)
            let result = try (try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")).decode(ValidationResult.self)
            #expect(result.invalidFiles.map(\.name) == ["disk1.vmdk"])
            #expect(result.invalidFiles.first?.errorMessage.id == "com.vmware.content.library.validation.mf_007")
        }
    }
}
