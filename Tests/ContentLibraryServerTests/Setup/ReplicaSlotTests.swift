//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServer
import ContentLibraryStorage
import Foundation
import Testing

/// Processes sharing a data folder: distinct lease holders while they live, the same one again
/// after a restart; the embedded store opened by several at once.
@Suite struct ReplicaSlotTests {
    @Test func liveProcessesHoldDistinctIdsAndARestartGetsItsOwnBack() throws {
        let folder = try TemporaryFolder()
        var first: ReplicaSlot? = try ReplicaSlot(dataFolder: folder.path)
        let second = try ReplicaSlot(dataFolder: folder.path)
        let firstID = try #require(first?.id)
        #expect(firstID != second.id, "two live processes never share a lease holder")
        first = nil  // the process ends: its lock goes with it
        #expect(try ReplicaSlot(dataFolder: folder.path).id == firstID, "restarted, it holds its earlier leases again")
        _ = second
    }

    @Test func replicasOpeningOneFreshSQLiteDatabaseTogetherMigrateItOnce() async throws {
        let folder = try TemporaryFolder()
        // Without the lock, about one round in three failed with "table … already exists".
        for round in 0..<8 {
            let path = folder.path + "/metadata-\(round).sqlite"
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask { _ = try await SQLiteMetadataStore(path: path).libraries() }
                }
                try await group.waitForAll()
            }
            #expect(try await SQLiteMetadataStore(path: path).users().isEmpty)
        }
    }
}
