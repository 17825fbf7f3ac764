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

/// `complete`: the adapter's verdict, and the atomic promotion of the session's files into the item.
@Suite struct CompleteTests {
    @Test func aFileNotReadyRefusesCompleteAndKeepsTheSessionActive() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: session, name: "ready.txt", Array("abc".utf8))
            _ = try await admin.addPushFile(session: session, name: "pending.txt")
            let response = try await admin.action("complete", session: session)
            expectError(response, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "pending.txt (WAITING_FOR_TRANSFER)")
            #expect(!response.errorText.contains("ready.txt"))
            #expect(try await admin.session(session).state == .active)
            #expect(try await admin.itemFiles(item).isEmpty)
            #expect(try await admin.item(item).contentVersion == "0000000001")
        }
    }

    @Test func anISOItemRefusesANonISOFileAndStaysActive() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "iso")
            try await admin.addAndUpload(session: session, name: "readme.txt", Array(repeating: 0x41, count: 40_000))
            let response = try await admin.action("complete", session: session)
            expectError(response, .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE", containing: "readme.txt")
            #expect(response.errorText.contains("invalid files"))
            #expect(try await admin.session(session).state == .active)
            #expect(try await admin.itemFiles(item).isEmpty)

            // Fix the content within the same session: remove the bad file, upload an image.
            #expect(try await admin.send(.delete, APIClient.sessions + "/\(session)/file/readme.txt").status == .noContent)
            try await admin.addAndUpload(session: session, name: "plain.iso", try Fixtures.bytes("iso/plain.iso"))
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == ["plain.iso"])
        }
    }

    @Test func aFullISOImportUpdatesTheItem() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary("ISOs")
            let item = try await admin.createItem(library: library, name: "Plain", type: "iso")
            let before = try await admin.item(item)
            let session = try await admin.createSession(item: item)
            let iso = try Fixtures.bytes("iso/plain.iso")

            let file = try await admin.addPushFile(session: session, name: "plain.iso", size: Int64(iso.count))
            #expect(try await admin.upload(try #require(file.uploadEndpoint?.uri), iso, method: .post).status == .ok)
            let uploaded = try await admin.sessionFile(session: session, name: "plain.iso")
            #expect(uploaded.status == .ready)
            #expect(uploaded.size == Int64(iso.count))

            #expect(try await admin.itemFiles(item).isEmpty, "nothing is visible in the item before complete")
            #expect(try await admin.item(item).size == 0)
            let validation = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate").decode(ValidationResult.self)
            #expect(!validation.hasErrors, "\(validation)")

            server.clock.advance(by: 5)
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.session(session).state == .done)

            let after = try await admin.item(item)
            #expect(after.size == Int64(iso.count))
            #expect(after.cached == true)
            #expect(try #require(after.contentVersion) > before.contentVersion!)
            #expect(after.contentVersion == "0000000002")
            #expect(try #require(after.lastModifiedTime) > before.lastModifiedTime!)
            #expect(after.version == before.version)
            let files = try await admin.itemFiles(item)
            #expect(files.map(\.name) == ["plain.iso"])
            #expect(files.first?.size == Int64(iso.count))
            #expect(files.first?.version == "1")
        }
    }

    @Test func aGenericItemTakesAnyFiles() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: session, name: "b.bin", [0, 1, 2])
            try await admin.addAndUpload(session: session, name: "a.txt", Array("hello".utf8))
            #expect(try await admin.action("complete", session: session).status == .noContent)
            #expect(try await admin.itemFiles(item).map(\.name) == ["a.txt", "b.bin"])
            #expect(try await admin.item(item).size == 8)
        }
    }

    @Test func completingTwiceIsRefused() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            #expect(try await admin.action("complete", session: session).status == .noContent)
            let version = try await admin.item(item).contentVersion
            expectError(try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE")
            #expect(try await admin.item(item).contentVersion == version)
        }
    }
}
