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

    @Test(arguments: StoreKind.available) func aTokenIsReadWithItsUserAndASessionSnapshotTogether(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            try await store.saveUser(Self.user("alice"))
            try await store.insertAPISession(APISessionRecord(tokenHash: "t1", user: "alice", createdTime: Records.time, lastAccessedTime: Records.time))
            let session = Records.session("s1", item: "item-1", token: "token")
            let files = [
                Records.sessionFile("b.vmdk", session: "s1", blob: "b", sequence: 2), Records.sessionFile("a.ovf", session: "s1", blob: "a", sequence: 1),
            ]
            #expect(try await store.createSession(session, files: files) == .created)

            let read = try #require(try await store.apiSessionWithUser(tokenHash: "t1", snapshotOf: "s1"))
            #expect(read.session.user == "alice" && read.user == Self.user("alice"))
            let snapshot = try #require(read.snapshot)
            #expect(snapshot.session == session && snapshot.files.map(\.name) == ["a.ovf", "b.vmdk"], "files in their order")
            #expect(snapshot.item == Records.item("item-1") && snapshot.library == Records.library())
            // No such session: the token is still read; no such token: nothing is.
            let alone = try #require(try await store.apiSessionWithUser(tokenHash: "t1", snapshotOf: "nothing"))
            #expect(alone.user.name == "alice" && alone.snapshot == nil)
            #expect(try await store.apiSessionWithUser(tokenHash: "unknown", snapshotOf: "s1") == nil)
        }
    }
}
