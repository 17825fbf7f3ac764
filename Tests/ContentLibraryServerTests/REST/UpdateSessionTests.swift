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
import Testing

/// `com.vmware.content.library.item.update_session` over `/api`: the nine operations and the
/// state table of contract §7.1.
@Suite struct UpdateSessionTests {
    static let token = "7c9e6679-7425-40de-944b-e07fc1f90ae7"

    @Test func createReturnsTheIdAndGetShowsAnActiveSession() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let item = try await admin.createItem(library: library)
            let response = try await admin.send(.post, APIClient.sessions, json: #"{"library_item_id":"\#(item)"}"#)
            #expect(response.status == .created)
            let id = try response.decode(String.self)

            let got = try await admin.send(.get, APIClient.sessions + "/" + id)
            #expect(got.status == .ok)
            let session = try got.decode(UpdateSessionModel.self)
            #expect(session.id == id)
            #expect(session.libraryItemID == item)
            #expect(session.libraryItemContentVersion == "0000000001")
            #expect(session.state == .active)
            #expect(session.clientProgress == 0)
            #expect(session.errorMessage == nil)
            let expiration = try #require(session.expirationTime)
            #expect(abs(expiration.timeIntervalSince(server.clock.now) - 300) < 0.01)
            let object = try got.object()
            let preview = try #require(object["preview_info"] as? [String: Any], "preview_info is required while ACTIVE")
            #expect(preview["state"] as? String == "UNAVAILABLE")
            #expect(preview["warnings"] == nil, "warnings only when AVAILABLE")
            #expect(preview["certificate_info"] == nil)
        }
    }

    @Test func createNeedsAnExistingItem() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            expectError(try await admin.send(.post, APIClient.sessions, json: "{}"), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, APIClient.sessions, json: #"{"library_item_id":"nope"}"#), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.post, APIClient.sessions, json: #"{"library_item_id":7}"#), .badRequest, "INVALID_ARGUMENT")
            expectError(try await admin.send(.post, APIClient.sessions + "?action=complete", json: "{}"), .notFound, "OPERATION_NOT_FOUND")
        }
    }

    @Test func aSecondSessionOnTheSameItemIsResourceBusy() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, first) = try await admin.createSessionOnNewItem()
            let second = try await admin.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item))
            expectError(second, .internalServerError, "RESOURCE_BUSY", containing: item)
            #expect(try await admin.send(.get, APIClient.sessions).decode([String].self) == [first])
            #expect(try await admin.action("cancel", session: first).status == .noContent)
            _ = try await admin.createSession(item: item)
        }
    }

    @Test func clientTokenMakesCreateIdempotentInTheQueryAndTheHeader() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let item = try await admin.createItem(library: library)
            let spec = UpdateSessionModel(libraryItemID: item)
            let first = try await admin.send(.post, APIClient.sessions + "?client_token=\(Self.token)", value: spec)
            #expect(first.status == .created)
            let again = try await admin.send(.post, APIClient.sessions + "?client_token=\(Self.token)", value: spec)
            #expect(again.status == .created)
            #expect(try again.decode(String.self) == first.decode(String.self))
            let other = try await admin.send(.post, APIClient.sessions + "?client_token=\(UUID().uuidString)", value: spec)
            expectError(other, .internalServerError, "RESOURCE_BUSY")

            let item2 = try await admin.createItem(library: library, name: "Second")
            let header = HTTPField.Name("Client-Token")!
            let token2 = UUID().uuidString.lowercased()
            let byHeader = try await admin.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item2), headers: [header: token2])
            #expect(byHeader.status == .created)
            let byHeaderAgain = try await admin.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item2), headers: [header: token2])
            #expect(try byHeaderAgain.decode(String.self) == byHeader.decode(String.self))
            #expect(try await admin.send(.get, APIClient.sessions).decode([String].self).count == 2)

            // The same token for another item is a different request, not a retry.
            let item3 = try await admin.createItem(library: library, name: "Third")
            let reused = try await admin.send(.post, APIClient.sessions + "?client_token=\(Self.token)", value: UpdateSessionModel(libraryItemID: item3))
            expectError(reused, .badRequest, "INVALID_ARGUMENT", containing: "already used")
        }
    }

    @Test func aClientTokenThatIsNotAUUIDIsInvalid() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let item = try await admin.createItem(library: try await admin.createLibrary())
            let spec = UpdateSessionModel(libraryItemID: item)
            expectError(try await admin.send(.post, APIClient.sessions + "?client_token=abc", value: spec), .badRequest, "INVALID_ARGUMENT", containing: "abc")
            let header = HTTPField.Name("Client-Token")!
            expectError(
                try await admin.send(.post, APIClient.sessions, value: spec, headers: [header: "7c9e6679-7425-40de-944b-e07fc1f90ae"]),
                .badRequest, "INVALID_ARGUMENT"
            )
            expectError(
                try await admin.send(.post, APIClient.sessions, value: spec, headers: [header: "7c9e6679-7425-40de-944b-e07fc1f90aeg"]),
                .badRequest, "INVALID_ARGUMENT"
            )
            #expect(try await admin.send(.get, APIClient.sessions).decode([String].self) == [])
        }
    }

    @Test func listFiltersByItem() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let library = try await admin.createLibrary()
            let first = try await admin.createItem(library: library, name: "A")
            let second = try await admin.createItem(library: library, name: "B")
            let s1 = try await admin.createSession(item: first)
            let s2 = try await admin.createSession(item: second)
            #expect(Set(try await admin.send(.get, APIClient.sessions).decode([String].self)) == [s1, s2])
            #expect(try await admin.send(.get, APIClient.sessions + "?library_item_id=\(second)").decode([String].self) == [s2])
            expectError(try await admin.send(.get, APIClient.sessions + "?library_item_id=nope"), .notFound, "NOT_FOUND")
        }
    }

    @Test func updateReplacesTheWarningBehavior() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let body = #"{"warning_behavior":[{"type":"SELF_SIGNED_CERTIFICATE","ignored":true}]}"#
            let response = try await admin.send(.patch, APIClient.sessions + "/" + session, json: body)
            #expect(response.status == .noContent, "\(response.text)")
            #expect(try await admin.session(session).warningBehavior == [WarningBehavior(type: .selfSignedCertificate, ignored: true)])
            expectError(try await admin.send(.patch, APIClient.sessions + "/" + session, json: "[]"), .badRequest, "INVALID_ARGUMENT")
        }
    }

    @Test func createKeepsTheWarningBehavior() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let item = try await admin.createItem(library: try await admin.createLibrary())
            let behavior = [WarningBehavior(type: .expiredCertificate, ignored: true)]
            let response = try await admin.send(.post, APIClient.sessions, value: UpdateSessionModel(libraryItemID: item, warningBehavior: behavior))
            #expect(try await admin.session(try response.decode(String.self)).warningBehavior == behavior)
        }
    }

    @Test func keepAliveRecordsProgressAndExtendsTheSession() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let before = try #require(try await admin.session(session).expirationTime)
            server.clock.advance(by: 100)
            #expect(try await admin.action("keep-alive", session: session, json: #"{"client_progress":40}"#).status == .noContent)
            let after = try await admin.session(session)
            #expect(after.clientProgress == 40)
            #expect(try #require(after.expirationTime).timeIntervalSince(before) >= 100)
            #expect(try await admin.action("keep-alive", session: session, json: "{}").status == .noContent)
            #expect(try await admin.action("keep-alive", session: session).status == .noContent)
            #expect(try await admin.session(session).clientProgress == 40)
            #expect(try await admin.action("keep-alive", session: session, json: #"{"client_progress":100}"#).status == .noContent)
        }
    }

    @Test func keepAliveProgressOutOfRangeIsInvalid() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            for progress in [101, -1, 1000] {
                expectError(
                    try await admin.action("keep-alive", session: session, json: #"{"client_progress":\#(progress)}"#), .badRequest, "INVALID_ARGUMENT"
                )
            }
            #expect(try await admin.session(session).clientProgress == 0)
        }
    }

    @Test func failRecordsTheClientMessage() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let response = try await admin.action("fail", session: session, json: #"{"client_error_message":"disk full on the client"}"#)
            #expect(response.status == .noContent)
            let got = try await admin.send(.get, APIClient.sessions + "/" + session)
            let model = try got.decode(UpdateSessionModel.self)
            #expect(model.state == .error)
            #expect(model.errorMessage?.defaultMessage == "disk full on the client")
            #expect(try got.object()["preview_info"] == nil, "preview_info only while ACTIVE")
        }
    }

    @Test func cancelEndsTheSessionWithoutChangingTheItem() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: session, name: "a.txt", Array("abc".utf8))
            #expect(try await admin.action("cancel", session: session).status == .noContent)
            let got = try await admin.send(.get, APIClient.sessions + "/" + session)
            #expect(try got.decode(UpdateSessionModel.self).state == .canceled)
            #expect(try got.object()["preview_info"] == nil)
            let model = try await admin.item(item)
            #expect(model.contentVersion == "0000000001")
            #expect(try await admin.itemFiles(item).isEmpty)
        }
    }

    @Test func completeIncreasesTheContentVersion() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let before = try await admin.item(item)
            try await admin.addAndUpload(session: session, name: "a.txt", Array("abc".utf8))
            #expect(try await admin.action("complete", session: session).status == .noContent)
            let got = try await admin.send(.get, APIClient.sessions + "/" + session)
            #expect(try got.decode(UpdateSessionModel.self).state == .done)
            #expect(try got.object()["preview_info"] == nil)
            let after = try await admin.item(item)
            #expect(try #require(after.contentVersion) > before.contentVersion!)
            #expect(after.version == before.version, "content changes leave the metadata version")
            #expect(after.metadataVersion == before.metadataVersion)

            let next = try await admin.createSession(item: item)
            #expect(try await admin.session(next).libraryItemContentVersion == after.contentVersion)
            #expect(try await admin.action("complete", session: next).status == .noContent)
            #expect(try #require(try await admin.item(item).contentVersion) > after.contentVersion!)
        }
    }

    @Test func deletingAnActiveSessionIsRefused() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            expectError(try await admin.send(.delete, APIClient.sessions + "/" + session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE")
            #expect(try await admin.session(session).state == .active)
        }
    }

    /// Contract §7.1: once a session left ACTIVE, reads and delete work; everything else is refused.
    @Test(arguments: ["complete", "cancel", "fail"])
    func finishedSessionsRefuseChanges(ending: String) async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: session, name: "a.txt", Array("abc".utf8))
            #expect(try await admin.action(ending, session: session, json: ending == "fail" ? #"{"client_error_message":"x"}"# : nil).status == .noContent)
            let base = APIClient.sessions + "/" + session
            let refused: [(String, TestCall)] = [
                ("complete", { try await admin.action("complete", session: session) }),
                ("cancel", { try await admin.action("cancel", session: session) }),
                ("fail", { try await admin.action("fail", session: session, json: #"{"client_error_message":"y"}"#) }),
                ("keep-alive", { try await admin.action("keep-alive", session: session, json: "{}") }),
                ("update", { try await admin.send(.patch, base, json: #"{"warning_behavior":[]}"#) }),
                ("file.add", { try await admin.addFile(session: session, SessionFileAddSpec(name: "b.txt", sourceType: .push)) }),
                ("file.remove", { try await admin.send(.delete, base + "/file/a.txt") }),
                ("file.validate", { try await admin.send(.post, base + "/file?action=validate") }),
            ]
            for (name, call) in refused {
                let response = try await call()
                #expect(response.status == .badRequest, "\(name) after \(ending): \(response.text)")
                #expect(response.errorType == "NOT_ALLOWED_IN_CURRENT_STATE", "\(name) after \(ending): \(response.text)")
            }
            #expect(try await admin.send(.get, base).status == .ok)
            #expect(try await admin.send(.get, APIClient.sessions + "?library_item_id=\(item)").decode([String].self) == [session])
            #expect(try await admin.send(.get, base + "/file").status == .ok)
            #expect(try await admin.send(.get, base + "/file/a.txt").status == .ok)
            #expect(try await admin.send(.delete, base).status == .noContent)
            expectError(try await admin.send(.get, base), .notFound, "NOT_FOUND")
            #expect(try await admin.send(.get, APIClient.sessions).decode([String].self) == [])
        }
    }

    @Test func unknownSessionsAndActionsAreReported() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let missing = APIClient.sessions + "/nope"
            expectError(try await admin.send(.get, missing), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.patch, missing, json: "{}"), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.delete, missing), .notFound, "NOT_FOUND")
            for action in ["complete", "cancel", "keep-alive"] {
                expectError(try await admin.action(action, session: "nope"), .notFound, "NOT_FOUND")
            }
            expectError(try await admin.action("fail", session: "nope", json: #"{"client_error_message":"x"}"#), .notFound, "NOT_FOUND")
            expectError(try await admin.send(.get, missing + "/file"), .notFound, "NOT_FOUND")
            let (_, _, session) = try await admin.createSessionOnNewItem()
            expectError(try await admin.action("explode", session: session), .notFound, "OPERATION_NOT_FOUND")
            expectError(try await admin.send(.post, APIClient.sessions + "/" + session), .notFound, "OPERATION_NOT_FOUND")
        }
    }

    @Test func anIdleSessionExpiresAndItsUploadURLIsGone() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem()
            let file = try await admin.addPushFile(session: session, name: "a.txt")
            let url = try #require(file.uploadEndpoint?.uri)

            // No call in between: reading the session would count as activity.
            server.clock.advance(by: 299)
            #expect(try await server.services.updateSessions.reap().expired == 0)

            server.clock.advance(by: 2)
            let reaped = try await server.services.updateSessions.reap()
            #expect(reaped.expired == 1)
            let expired = try await admin.session(session)
            #expect(expired.state == .error)
            #expect(expired.errorMessage?.defaultMessage.contains("expired") == true)
            expectError(try await admin.upload(url, Array("abc".utf8)), .notFound, "NOT_FOUND")
            _ = try await admin.createSession(item: item)
        }
    }

    @Test func activityKeepsASessionAlive() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            for _ in 0..<3 {
                server.clock.advance(by: 200)
                #expect(try await admin.action("keep-alive", session: session).status == .noContent)
                try await server.services.updateSessions.reap()
            }
            server.clock.advance(by: 200)
            _ = try await admin.sessionFiles(session: session)
            server.clock.advance(by: 200)
            try await server.services.updateSessions.reap()
            #expect(try await admin.session(session).state == .active)
        }
    }

    @Test func finishedSessionsAreDeletedAfterTheRetentionPeriod() async throws {
        let server = try TestServer()
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            #expect(try await admin.action("cancel", session: session).status == .noContent)
            server.clock.advance(by: 3601)
            #expect(try await server.services.updateSessions.reap().deleted == 1)
            let again = try await client.login()  // the API token idled out meanwhile
            expectError(try await again.send(.get, APIClient.sessions + "/" + session), .notFound, "NOT_FOUND")
        }
    }
}

/// One request of a table-driven test.
typealias TestCall = @Sendable () async throws -> TestResponse
