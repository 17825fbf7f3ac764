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

/// Transfer leases: held, lapsed, limited per session, renewed only by their holder, and gone
/// with their file or session.
extension MetadataStoreContractTests {
    static func lease(_ name: String, holder: String = "replica-a", bytes: Int64 = 0, expiresIn seconds: TimeInterval = 30) -> TransferLease {
        TransferLease(sessionID: "s1", name: name, holder: holder, bytes: bytes, expiry: Records.time.addingTimeInterval(seconds))
    }

    @Test(arguments: StoreKind.available) func anUnexpiredLeaseIsHeldAgainstAnotherHolder(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            let lease = Self.lease("a.iso")
            #expect(try await store.acquireTransferLease(lease, now: Records.time, limit: 4) == .acquired)
            let other = Self.lease("a.iso", holder: "replica-b")
            #expect(try await store.acquireTransferLease(other, now: Records.time.addingTimeInterval(29), limit: 4) == .held(lease))
            #expect(try await store.transferLeases(sessionID: "s1", at: Records.time) == [lease])
        }
    }

    @Test(arguments: StoreKind.available) func aLapsedLeaseIsTakenByTheNextHolder(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.acquireTransferLease(Self.lease("a.iso"), now: Records.time, limit: 4) == .acquired)
            let lapse = Records.time.addingTimeInterval(30)
            #expect(try await store.transferLeases(sessionID: "s1", at: lapse).isEmpty, "expired at its expiry")
            var taken = Self.lease("a.iso", holder: "replica-b", bytes: 10)
            taken.expiry = lapse.addingTimeInterval(30)
            #expect(try await store.acquireTransferLease(taken, now: lapse, limit: 4) == .acquired)
            #expect(!(try await store.renewTransferLease(Self.lease("a.iso", expiresIn: 90))), "the first holder lost it")
            #expect(try await store.transferLeases(sessionID: "s1", at: lapse) == [taken])
        }
    }

    @Test(arguments: StoreKind.available) func aSessionHoldsNoMoreLeasesThanTheLimit(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.acquireTransferLease(Self.lease("a"), now: Records.time, limit: 2) == .acquired)
            #expect(try await store.acquireTransferLease(Self.lease("b", expiresIn: 5), now: Records.time, limit: 2) == .acquired)
            #expect(try await store.acquireTransferLease(Self.lease("c"), now: Records.time, limit: 2) == .sessionFull)
            // Once b lapses, its place counts as free.
            #expect(try await store.acquireTransferLease(Self.lease("c"), now: Records.time.addingTimeInterval(5), limit: 2) == .acquired)
            #expect(try await store.transferLeases(sessionID: "s1", at: Records.time.addingTimeInterval(5)).map(\.name) == ["a", "c"])
        }
    }

    @Test(arguments: StoreKind.available) func renewingMovesTheLeaseForwardNeverBack(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.acquireTransferLease(Self.lease("a.iso"), now: Records.time, limit: 4) == .acquired)
            #expect(try await store.renewTransferLease(Self.lease("a.iso", bytes: 100, expiresIn: 60)))
            #expect(try await store.renewTransferLease(Self.lease("a.iso", bytes: 200, expiresIn: 45)))
            let leases = try await store.transferLeases(sessionID: "s1", at: Records.time)
            #expect(leases == [Self.lease("a.iso", bytes: 200, expiresIn: 60)])
            #expect(!(try await store.renewTransferLease(Self.lease("a.iso", holder: "replica-b", expiresIn: 90))), "not its holder")
        }
    }

    @Test(arguments: StoreKind.available) func aReleasedLeaseCannotBeRenewed(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.acquireTransferLease(Self.lease("a"), now: Records.time, limit: 4) == .acquired)
            #expect(try await store.acquireTransferLease(Self.lease("b"), now: Records.time, limit: 4) == .acquired)
            try await store.releaseTransferLease(sessionID: "s1", name: "a", holder: "replica-b")
            #expect(try await store.renewTransferLease(Self.lease("a")), "another holder's release leaves it")
            try await store.releaseTransferLease(sessionID: "s1", name: "a", holder: "replica-a")
            #expect(!(try await store.renewTransferLease(Self.lease("a"))))
            try await store.releaseTransferLease(sessionID: "s1", name: "b", holder: nil)
            #expect(!(try await store.renewTransferLease(Self.lease("b"))))
            #expect(try await store.acquireTransferLease(Self.lease("c"), now: Records.time, limit: 4) == .acquired)
            try await store.releaseTransferLeases(sessionID: "s1")
            #expect(try await store.transferLeases(sessionID: "s1", at: Records.time).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available) func removingTheFileDropsItsLease(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            try await store.saveSessionFile(Records.sessionFile("a.iso", session: "s1", blob: nil, status: .transferring))
            #expect(try await store.acquireTransferLease(Self.lease("a.iso"), now: Records.time, limit: 4) == .acquired)
            #expect(try await store.acquireTransferLease(Self.lease("b.iso"), now: Records.time, limit: 4) == .acquired)
            try await store.deleteSessionFile(sessionID: "s1", name: "a.iso")
            #expect(!(try await store.renewTransferLease(Self.lease("a.iso"))))
            #expect(try await store.transferLeases(sessionID: "s1", at: Records.time).map(\.name) == ["b.iso"])
        }
    }

    @Test(arguments: StoreKind.available) func deletingTheSessionDeletesItsLeases(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let store = fixture.store
            #expect(try await store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await store.acquireTransferLease(Self.lease("a.iso"), now: Records.time, limit: 4) == .acquired)
            try await store.deleteSession(id: "s1")
            #expect(try await store.transferLeases(sessionID: "s1", at: Records.time).isEmpty)
            #expect(!(try await store.renewTransferLease(Self.lease("a.iso"))))
        }
    }
}
