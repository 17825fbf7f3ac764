//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import ExternalAdapter
import Foundation
import HTTPTypes
import HummingbirdTesting
import QCOW2Adapter
import StandardAdapters
import Testing

/// A server built with extra adapters through the public API: the QCOW2 example in Swift and
/// the Python `textfile` example as an external adapter.
@Suite struct CustomAdapterTests {
    /// The repository's `examples/external-adapters/textfile/adapters.json`.
    static let textfileConfiguration = URL(fileURLWithPath: Fixtures.folder).deletingLastPathComponent()
        .appendingPathComponent("examples/external-adapters/textfile/adapters.json").path

    /// The standard adapters, the QCOW2 example, and external adapters: what the README shows.
    static func registry(external configuration: String = Self.textfileConfiguration) throws -> AdapterRegistry {
        var registry = AdapterRegistry.standard()
        registry.register(QCOW2Adapter())
        for adapter in try ExternalAdapter.load(configuration: configuration) {
            registry.register(adapter)
        }
        return registry
    }

    /// A self-contained QCOW2 version 3 image of four 64 KiB clusters; `backing` adds a backing file.
    static func qcow2(backing: Bool = false) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 4 << 16)
        func put(_ value: UInt64, at offset: Int, width: Int) {
            for i in 0..<width { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> UInt64(8 * (width - 1 - i))) }
        }
        bytes.replaceSubrange(0..<4, with: [0x51, 0x46, 0x49, 0xFB])
        put(3, at: 4, width: 4)
        if backing { put(1024, at: 8, width: 8); put(8, at: 16, width: 4) }
        put(16, at: 20, width: 4)
        put(1 << 30, at: 24, width: 8)
        put(1, at: 36, width: 4)
        put(3 << 16, at: 40, width: 8)
        put(1 << 16, at: 48, width: 8)
        put(1, at: 56, width: 4)
        put(104, at: 100, width: 4)
        return bytes
    }

    func validate(_ admin: APIClient, session: String) async throws -> ValidationResult {
        let response = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
        try #require(response.status == .ok, "validate: \(response.text)")
        return try response.decode(ValidationResult.self)
    }

    @Test func typeListShowsBuiltInSwiftAndExternalAdapters() async throws {
        try await TestServer(adapters: try Self.registry()).run { client in
            let admin = try await client.login()
            let types = try await admin.send(.get, "/api/content/type").decode([TypeInfo].self)
            #expect(Set(types.map(\.type)).isSuperset(of: ["generic", "iso", "ovf", "qcow2", "textfile"]))
            let textfile = try #require(types.first { $0.type == "textfile" })
            #expect(textfile.name == "Text file")
            #expect(textfile.vendor == "ContentLibrary examples")
        }
    }

    @Test func theExternalAdapterAcceptsGoodTextAndCompletes() async throws {
        try await TestServer(adapters: try Self.registry()).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "textfile")
            try await admin.addAndUpload(session: session, name: "notes.txt", Array("hello\nworld\n".utf8))
            let result = try await self.validate(admin, session: session)
            #expect(!result.hasErrors, "\(result)")
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == ["notes.txt"])
        }
    }

    @Test func theExternalAdapterBlocksBinaryContentOnValidateAndComplete() async throws {
        try await TestServer(adapters: try Self.registry()).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "textfile")
            try await admin.addAndUpload(session: session, name: "notes.txt", Array("fine\n".utf8))
            try await admin.addAndUpload(session: session, name: "blob.bin", [0x00, 0xFF, 0xFE, 0x80])
            let result = try await self.validate(admin, session: session)
            #expect(result.hasErrors)
            #expect(result.invalidFiles.map(\.name) == ["blob.bin"])
            #expect(result.invalidFiles[0].errorMessage.id == "com.vmware.content.library.validation.txt_001")
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "blob.bin")
            #expect(try await admin.session(session).state == .active)
            #expect(try await admin.itemFiles(item).isEmpty)
        }
    }

    @Test func anExternalAdaptersDeclaredWarningBlocksUnlessIgnored() async throws {
        try await TestServer(adapters: try Self.registry()).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "textfile")
            try await admin.addAndUpload(session: session, name: "notes.txt", Array("trailing \n".utf8))
            // The warning shows in the preview before `complete`, as it does for OVF.
            let preview = try #require(try await admin.session(session).previewInfo)
            #expect(preview.state == .available)
            #expect(preview.warnings?.map(\.type.rawValue) == ["TEXT_TRAILING_WHITESPACE"])
            #expect(preview.warnings?.first?.ignored == false)
            #expect(!(try await self.validate(admin, session: session)).hasErrors)
            expectError(
                try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE",
                containing: "TEXT_TRAILING_WHITESPACE"
            )
            #expect(try await admin.session(session).state == .error, "a blocking warning ends the session")

            let retry = try await admin.createSession(item: item)
            try await admin.addAndUpload(session: retry, name: "notes.txt", Array("trailing \n".utf8))
            let ignore = #"{"warning_behavior":[{"type":"TEXT_TRAILING_WHITESPACE","ignored":true}]}"#
            #expect(try await admin.send(.patch, APIClient.sessions + "/\(retry)", json: ignore).status == .noContent)
            #expect(try await admin.session(retry).previewInfo?.warnings?.first?.ignored == true)
            #expect(try await admin.action("complete", session: retry).status == .noContent)
        }
    }

    @Test func aFailingExternalAdapterIsAClearErrorAndItsStandardErrorStaysInTheLog() async throws {
        let folder = try TemporaryFolder()
        let script = folder.path + "/broken.sh"
        try "#!/bin/sh\necho 'internal secret /etc/adapter-token' >&2\nexit 7\n".write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let configuration = folder.path + "/adapters.json"
        try #"{"protocol_version":1,"adapters":[{"type":"broken","command":"./broken.sh","description":"Fails."}]}"#
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        try await TestServer(adapters: try Self.registry(external: configuration)).run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: "broken")
            try await admin.addAndUpload(session: session, name: "data.bin", [1, 2, 3])
            let response = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate")
            #expect(response.status == .ok)
            #expect(try response.decode(ValidationResult.self).hasErrors)
            let complete = try await admin.action("complete", session: session)
            expectError(complete, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE")
            for text in [response.text, complete.text] {
                #expect(!text.contains("secret"))
                #expect(!text.contains("adapter-token"))
            }
            #expect(complete.text.contains("broken"), "the error names the adapter: \(complete.text)")
        }
    }

    @Test func anExternalAdapterMayRefuseSessions() async throws {
        let folder = try TemporaryFolder()
        let configuration = folder.path + "/adapters.json"
        try #"{"protocol_version":1,"adapters":[{"type":"frozen","command":"/bin/true","session_refusal":"frozen items are managed elsewhere"}]}"#
            .write(toFile: configuration, atomically: true, encoding: .utf8)
        try await TestServer(adapters: try Self.registry(external: configuration)).run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let item = try await admin.createItem(library: library, type: "frozen")
            let response = try await admin.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item))
            #expect(response.status != .created)
            #expect(response.errorType == "UNSUPPORTED", "\(response.text)")
            #expect(response.errorText.contains("frozen items are managed elsewhere"))
        }
    }

    @Test func theQCOW2AdapterRefusesABackingFileAndAcceptsASelfContainedImage() async throws {
        try await TestServer(adapters: try Self.registry()).run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "qcow2")
            try await admin.addAndUpload(session: session, name: "disk.qcow2", Self.qcow2(backing: true))
            let result = try await self.validate(admin, session: session)
            #expect(result.invalidFiles.map(\.errorMessage.id) == ["com.vmware.content.library.validation.qcow2_004"])
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "backing file")

            #expect(try await admin.send(.delete, APIClient.sessions + "/\(session)/file/disk.qcow2").status == .noContent)
            try await admin.addAndUpload(session: session, name: "disk.qcow2", Self.qcow2())
            #expect(!(try await self.validate(admin, session: session)).hasErrors)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == ["disk.qcow2"])
        }
    }

    @Test func anItemOfAnUnregisteredTypeIsGeneric() async throws {
        try await TestServer(adapters: try Self.registry()).run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem(type: "never-heard-of")
            try await admin.addAndUpload(session: session, name: "blob.bin", [0x00, 0xFF])
            #expect(!(try await self.validate(admin, session: session)).hasErrors)
            #expect(try await admin.action("complete", session: session).status == .noContent)
        }
    }
}
