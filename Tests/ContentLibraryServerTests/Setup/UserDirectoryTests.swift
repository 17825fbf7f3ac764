//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServer
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Testing

/// Users live in the metadata store: an old `users.json` is imported once, the administrator
/// always exists, and a change made beside a running server counts at once.
@Suite struct UserDirectoryTests {
    static let logger = Logger(label: "user-directory-tests")

    @Test func anOldUserFileIsImportedOnceAndAUserRemovedSinceStaysRemoved() async throws {
        let folder = try TemporaryFolder()
        let alice = UserAccount(name: "alice@vsphere.local", passwordHash: try PasswordHash.make("a"), privileges: [.readStorage])
        let data = try JSONEncoder().encode([alice])
        try data.write(to: URL(fileURLWithPath: folder.path + "/users.json"))
        let store = try SQLiteMetadataStore(path: folder.path + "/metadata.sqlite")
        let directory = UserDirectory(dataFolder: folder.path)

        #expect(try await directory.prepare(store, adminPassword: "secret", logger: Self.logger) == false, "the password was given, not generated")
        #expect(try await store.users().map(\.name) == ["administrator@vsphere.local", "alice@vsphere.local"])
        #expect(try await store.user(name: "alice@vsphere.local") == alice)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/users.json"), "renamed once imported, so no one edits it in vain")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/users.json.imported"))

        #expect(try await store.deleteUser(name: "alice@vsphere.local"))
        try data.write(to: URL(fileURLWithPath: folder.path + "/users.json"))
        _ = try await directory.prepare(store, adminPassword: "secret", logger: Self.logger)
        #expect(try await store.user(name: "alice@vsphere.local") == nil, "imported once per store: a removed user is not brought back")
    }

    @Test func aGeneratedPasswordIsWrittenByTheFirstStartOnlyAndTheAdministratorHasEveryPrivilege() async throws {
        let folder = try TemporaryFolder()
        let store = try SQLiteMetadataStore(path: folder.path + "/metadata.sqlite")
        let directory = UserDirectory(dataFolder: folder.path)

        #expect(try await directory.prepare(store, adminPassword: nil, logger: Self.logger))
        let password = try String(contentsOfFile: directory.initialPasswordPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let administrator = try #require(try await store.user(name: UserDirectory.administrator))
        #expect(PasswordHash.verify(password, against: administrator.passwordHash))

        // A second replica starting on the same store keeps the first one's password.
        #expect(try await directory.prepare(store, adminPassword: nil, logger: Self.logger) == false)
        #expect(try await store.user(name: UserDirectory.administrator) == administrator)

        var reduced = administrator
        reduced.privileges = [.readStorage]
        try await store.saveUser(reduced)
        _ = try await directory.prepare(store, adminPassword: nil, logger: Self.logger)
        #expect(try await store.user(name: UserDirectory.administrator)?.privileges == Set(Privilege.allCases))
    }

    @Test func aUserAddedOrRemovedBesideARunningServerCountsAtOnce() async throws {
        let server = try TestServer()
        try await server.run { client in
            let store = server.services.context.metadata
            try await store.saveUser(UserAccount(name: "bob@vsphere.local", passwordHash: try PasswordHash.make(TestServer.password), privileges: [.readStorage]))
            let bob = try await client.login("bob@vsphere.local")
            #expect(try await bob.send(.get, "/api/session").status == .ok)

            #expect(try await store.deleteUser(name: "bob@vsphere.local"))
            #expect(try await bob.send(.get, "/api/session").status == .unauthorized, "the removal ended the token")
            let again = try await client.send(
                .post, "/api/session", headers: [.authorization: "Basic \(Data("bob@vsphere.local:\(TestServer.password)".utf8).base64EncodedString())"]
            )
            #expect(again.status == .unauthorized)
        }
    }
}
