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

/// The rules that must hold across processes: two stores on one database (two processes on one
/// SQLite file, two replicas on one PostgreSQL database) racing for the same thing.
extension MetadataStoreContractTests {
    @Test(arguments: StoreKind.available) func twoStoresOnOneDatabaseSeeEachOthersWrites(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let a = fixture.store
            let b = try await fixture.openAnother()
            #expect(try await b.item(id: "item-1") == Records.item("item-1"))
            #expect(try await b.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            #expect(try await a.session(id: "s1")?.state == .active)
            try await a.touchSession(id: "s1", at: Records.time.addingTimeInterval(10))
            #expect(try await b.session(id: "s1")?.lastActivity == Records.time.addingTimeInterval(10))
            try await b.saveUser(Self.user("alice"))
            #expect(try await a.user(name: "alice") != nil)
            #expect(try await a.deleteUser(name: "alice"))
            #expect(try await b.user(name: "alice") == nil)
        }
    }

    @Test(arguments: StoreKind.available) func racingCreatesOnOneItemMakeOneSessionAndOneBusy(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let stores = [fixture.store, try await fixture.openAnother()]
            for round in 0..<25 {
                let item = "race-\(round)"
                #expect(try await fixture.store.insertItem(Records.item(item)))
                let results = try await withThrowingTaskGroup(of: SessionCreation.self) { group in
                    for (index, store) in stores.enumerated() {
                        group.addTask { try await store.createSession(Records.session("\(item)-s\(index)", item: item, owner: "user-\(index)"), files: []) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let created = results.filter { $0 == .created }.count
                let busy = results.compactMap { if case .busy(let id) = $0 { id } else { nil } }
                #expect(created == 1 && busy.count == 1, "round \(round): \(results)")
                let active = try await fixture.store.sessions(state: .active).filter { $0.itemID == item }
                #expect(active.map(\.id) == busy, "the busy answer names the winner")
            }
        }
    }

    @Test(arguments: StoreKind.available) func racingCreatesWithOneClientTokenMakeOneSession(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let stores = [fixture.store, try await fixture.openAnother()]
            for round in 0..<10 {
                let item = "token-race-\(round)"
                let token = UUID().uuidString
                #expect(try await fixture.store.insertItem(Records.item(item)))
                let results = try await withThrowingTaskGroup(of: SessionCreation.self) { group in
                    for (index, store) in stores.enumerated() {
                        group.addTask { try await store.createSession(Records.session("\(item)-s\(index)", item: item, token: token), files: []) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                let existing = results.compactMap { if case .existing(let id) = $0 { id } else { nil } }
                #expect(results.filter { $0 == .created }.count == 1 && existing.count == 1, "round \(round): \(results)")
                #expect(try await fixture.store.sessions(owner: "alice", itemID: item).map(\.id) == existing)
            }
        }
    }

    @Test(arguments: StoreKind.available) func racingLeasesRespectTheSessionLimit(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let stores = [fixture.store, try await fixture.openAnother()]
            #expect(try await fixture.store.createSession(Records.session("s1", item: "item-1"), files: []) == .created)
            for round in 0..<10 {
                let results = try await withThrowingTaskGroup(of: LeaseAcquisition.self) { group in
                    for (index, store) in stores.enumerated() {
                        let lease = Self.lease("file-\(round)-\(index)", holder: "replica-\(index)")
                        group.addTask { try await store.acquireTransferLease(lease, now: Records.time, limit: 1) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(results.filter { $0 == .acquired }.count == 1 && results.contains(.sessionFull), "round \(round): \(results)")
                try await fixture.store.releaseTransferLeases(sessionID: "s1")
            }
        }
    }

    @Test(arguments: StoreKind.available) func racingImportsImportOnce(_ kind: StoreKind) async throws {
        try await StoreFixture.with(kind) { fixture async throws in
            let stores = [fixture.store, try await fixture.openAnother()]
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for store in stores { group.addTask { try await store.importUsers([Self.user("alice"), Self.user("bob")]) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 2 && results.filter { $0 }.count == 1, "\(results)")
            #expect(try await fixture.store.users().map(\.name) == ["alice", "bob"])
        }
    }
}
