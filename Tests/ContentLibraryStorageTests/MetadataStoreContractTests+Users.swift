//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import Testing

/// Users in the store: saved, replaced, deleted with their API sessions, imported once.
extension MetadataStoreContractTests {
    static func user(_ name: String, hash: String = "pbkdf2-sha256$1$salt$hash", privileges: Set<Privilege> = [.updateSession]) -> UserAccount {
        UserAccount(name: name, passwordHash: hash, privileges: privileges)
    }

    @Test(arguments: StoreKind.available) func usersAreSavedAndReplacedByName(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            try await store.saveUser(Self.user("bob@vsphere.local"))
            try await store.saveUser(Self.user("alice@vsphere.local", privileges: Set(Privilege.allCases)))
            #expect(try await store.users().map(\.name) == ["alice@vsphere.local", "bob@vsphere.local"])
            #expect(try await store.user(name: "alice@vsphere.local")?.privileges == Set(Privilege.allCases))
            let replaced = Self.user("bob@vsphere.local", hash: "pbkdf2-sha256$1$salt$other", privileges: [])
            try await store.saveUser(replaced)
            #expect(try await store.user(name: "bob@vsphere.local") == replaced)
            #expect(try await store.users().count == 2)
            #expect(try await store.user(name: "carol@vsphere.local") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func deletingAUserEndsTheirAPISessions(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            try await store.saveUser(Self.user("alice"))
            try await store.saveUser(Self.user("bob"))
            for (hash, user) in [("a1", "alice"), ("a2", "alice"), ("b1", "bob")] {
                try await store.insertAPISession(APISessionRecord(tokenHash: hash, user: user, createdTime: Records.time, lastAccessedTime: Records.time))
            }
            #expect(try await store.deleteUser(name: "alice"))
            #expect(try await store.user(name: "alice") == nil)
            #expect(try await store.apiSession(tokenHash: "a1") == nil)
            #expect(try await store.apiSession(tokenHash: "a2") == nil)
            #expect(try await store.apiSession(tokenHash: "b1")?.user == "bob")
            #expect(!(try await store.deleteUser(name: "alice")))
        }
    }

    @Test(arguments: StoreKind.available) func usersAreImportedOnce(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            let kept = Self.user("admin", hash: "pbkdf2-sha256$1$salt$current")
            try await store.saveUser(kept)
            let file = [Self.user("admin", hash: "pbkdf2-sha256$1$salt$old"), Self.user("alice"), Self.user("bob")]
            #expect(try await store.importUsers(file))
            #expect(try await store.users().map(\.name) == ["admin", "alice", "bob"])
            #expect(try await store.user(name: "admin") == kept, "an existing user is not replaced")
            #expect(try await store.deleteUser(name: "alice"))
            #expect(!(try await store.importUsers(file)))
            #expect(try await store.user(name: "alice") == nil, "a user removed since is not brought back")
        }
    }
}
