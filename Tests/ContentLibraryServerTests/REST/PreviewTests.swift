//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import StandardAdapters
import Synchronization
import Testing

/// `preview_info` and warnings (contract §0.4, §7.6), driven by SignedTestAdapter.
@Suite struct PreviewTests {
    static func server() throws -> TestServer {
        var adapters = AdapterRegistry.standard()
        adapters.register(SignedTestAdapter())
        return try TestServer(adapters: adapters)
    }

    /// The raw `preview_info` of a session.
    static func preview(_ admin: APIClient, _ session: String) async throws -> [String: Any] {
        let response = try await admin.send(.get, APIClient.sessions + "/" + session)
        return try #require(try response.object()["preview_info"] as? [String: Any], "\(response.text)")
    }

    /// SignedTestAdapter under another type, counting its runs.
    struct CountedAdapter: TypeAdapter {
        static let type = "counted-test"
        final class Runs: Sendable {
            let count = Mutex(0)
        }

        let runs: Runs
        let inner = SignedTestAdapter()
        var info: TypeInfo { TypeInfo(type: Self.type, name: "Counted", description: "Counts its runs.", vendor: "Tests", version: "1.0") }
        var warningDeclarations: [WarningDeclaration] { self.inner.warningDeclarations }
        var previewScope: PreviewScope { self.inner.previewScope }
        func role(ofFile fileName: String) -> FileRole { self.inner.role(ofFile: fileName) }
        func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
            self.runs.count.withLock { $0 += 1 }
            return await self.inner.validate(content, options: options)
        }
    }

    @Test func pollingTheSessionRunsTheAdapterOnlyWhenItsFilesChange() async throws {
        let runs = CountedAdapter.Runs()
        var adapters = AdapterRegistry.standard()
        adapters.register(CountedAdapter(runs: runs))
        try await TestServer(adapters: adapters).run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: CountedAdapter.type)
            try await admin.addAndUpload(session: session, name: "pkg.desc", Array("descriptor".utf8))
            for _ in 0..<5 { #expect(try await Self.preview(admin, session)["state"] as? String == "AVAILABLE") }
            #expect(runs.count.withLock { $0 } == 1, "five polls, one run")

            try await admin.addAndUpload(session: session, name: "pkg.sig", Array("signature".utf8))
            let changed = try await Self.preview(admin, session)
            #expect((changed["warnings"] as? [Any])?.count == 1, "a new file is judged: \(changed)")
            for _ in 0..<3 { _ = try await Self.preview(admin, session) }
            #expect(runs.count.withLock { $0 } == 2)

            // validate always judges afresh.
            #expect(try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate").status == .ok)
            #expect(runs.count.withLock { $0 } == 3)
        }
    }

    @Test func previewFollowsTheMetadataFiles() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: SignedTestAdapter.type)
            try await admin.addAndUpload(session: session, name: "disk.bin", [1, 2, 3])
            var preview = try await Self.preview(admin, session)
            #expect(preview["state"] as? String == "UNAVAILABLE")
            #expect(preview["warnings"] == nil)

            let descriptor = try await admin.addPushFile(session: session, name: "package.desc")
            preview = try await Self.preview(admin, session)
            #expect(preview["state"] as? String == "PREPARING")
            #expect(preview["warnings"] == nil && preview["certificate_info"] == nil)

            #expect(try await admin.upload(try #require(descriptor.uploadEndpoint?.uri), Array("<desc/>".utf8)).status == .ok)
            preview = try await Self.preview(admin, session)
            #expect(preview["state"] as? String == "AVAILABLE")
            #expect((preview["warnings"] as? [Any])?.isEmpty == true, "warnings is required, possibly empty, when AVAILABLE")
            #expect(preview["certificate_info"] == nil)

            try await admin.addAndUpload(session: session, name: "package.sig", Array("sig".utf8))
            preview = try await Self.preview(admin, session)
            #expect(preview["state"] as? String == "AVAILABLE")
            let warnings = try #require(preview["warnings"] as? [[String: Any]])
            #expect(warnings.count == 1)
            #expect(warnings.first?["type"] as? String == "SELF_SIGNED_CERTIFICATE")
            #expect(warnings.first?["ignored"] as? Bool == false)
            #expect((warnings.first?["message"] as? [String: Any])?["default_message"] as? String == "The package signs itself.")
            let certificate = try #require(preview["certificate_info"] as? [String: Any])
            #expect(certificate["self_signed"] as? Bool == true)

            let signature = try await admin.send(.get, APIClient.sessions + "/\(session)/file/package.sig").object()
            #expect(signature["keep_in_storage"] as? Bool == false)
            let descriptorInfo = try await admin.send(.get, APIClient.sessions + "/\(session)/file/package.desc").object()
            #expect(descriptorInfo["keep_in_storage"] == nil)
        }
    }

    @Test func aWarningNotIgnoredFailsComplete() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: SignedTestAdapter.type)
            try await admin.addAndUpload(session: session, name: "package.desc", Array("<desc/>".utf8))
            try await admin.addAndUpload(session: session, name: "package.sig", Array("sig".utf8))
            let response = try await admin.action("complete", session: session)
            expectError(response, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "SELF_SIGNED_CERTIFICATE")
            let ended = try await admin.send(.get, APIClient.sessions + "/" + session)
            let model = try ended.decode(UpdateSessionModel.self)
            #expect(model.state == .error)
            #expect(model.errorMessage?.defaultMessage.contains("SELF_SIGNED_CERTIFICATE") == true)
            #expect(try ended.object()["preview_info"] == nil)
            #expect(try await admin.itemFiles(item).isEmpty)
            #expect(try await admin.item(item).contentVersion == "0000000001")
        }
    }

    @Test func aWarningIgnoredByUpdateLetsCompleteSucceed() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: SignedTestAdapter.type)
            try await admin.addAndUpload(session: session, name: "package.desc", Array("<desc/>".utf8))
            try await admin.addAndUpload(session: session, name: "package.sig", Array("sig".utf8))
            try await admin.addAndUpload(session: session, name: "disk.bin", [1, 2, 3])
            let ignore = #"{"warning_behavior":[{"type":"SELF_SIGNED_CERTIFICATE","ignored":true}]}"#
            #expect(try await admin.send(.patch, APIClient.sessions + "/" + session, json: ignore).status == .noContent)
            let warnings = try #require(try await Self.preview(admin, session)["warnings"] as? [[String: Any]])
            #expect(warnings.first?["ignored"] as? Bool == true)

            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.session(session).state == .done)
            #expect(try await admin.itemFiles(item).map(\.name) == ["disk.bin", "package.desc"], "the .sig is not kept")
        }
    }

    @Test func aMissingFileIsReportedByValidateAndRefusesComplete() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: SignedTestAdapter.type)
            try await admin.addAndUpload(session: session, name: "disk.bin", [1, 2, 3])
            let response = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            let result = try response.decode(ValidationResult.self)
            #expect(result.hasErrors)
            #expect(result.missingFiles == ["package.desc"])
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "package.desc")
            #expect(try await admin.session(session).state == .active)
        }
    }
}
