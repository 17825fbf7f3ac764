//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
package import Foundation
import GRDB

/// Transfer leases: one row per file being transferred, with its holder, bytes and expiry.
extension SQLiteMetadataStore {
    package func acquireTransferLease(_ lease: TransferLease, now: Date, limit: Int) async throws -> LeaseAcquisition {
        try await self.pool.write { db -> LeaseAcquisition in
            try db.execute(
                sql: "DELETE FROM transfer_lease WHERE session_id = ? AND name = ? AND expiry <= ?",
                arguments: [lease.sessionID, lease.name, now.timeIntervalSince1970]
            )
            if let held = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM transfer_lease WHERE session_id = ? AND name = ?"),
                arguments: [lease.sessionID, lease.name]
            ) {
                return .held(Self.lease(held))
            }
            let running = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM transfer_lease WHERE session_id = ? AND expiry > ?"),
                arguments: [lease.sessionID, now.timeIntervalSince1970]
            ) ?? 0
            guard running < limit else { return .sessionFull }
            try db.execute(
                sql: "INSERT INTO transfer_lease (session_id, name, holder, bytes, expiry) VALUES (?, ?, ?, ?, ?)",
                arguments: [lease.sessionID, lease.name, lease.holder, lease.bytes, lease.expiry.timeIntervalSince1970]
            )
            return .acquired
        }
    }

    package func renewTransferLease(_ lease: TransferLease) async throws -> Bool {
        try await self.pool.write { db in
            try db.execute(
                sql: "UPDATE transfer_lease SET bytes = ?, expiry = MAX(expiry, ?) WHERE session_id = ? AND name = ? AND holder = ?",
                arguments: [lease.bytes, lease.expiry.timeIntervalSince1970, lease.sessionID, lease.name, lease.holder]
            )
            return db.changesCount > 0
        }
    }

    package func releaseTransferLease(sessionID: String, name: String, holder: String?) async throws {
        try await self.pool.write { db in
            if let holder {
                try db.execute(
                    sql: "DELETE FROM transfer_lease WHERE session_id = ? AND name = ? AND holder = ?", arguments: [sessionID, name, holder]
                )
            } else {
                try db.execute(sql: "DELETE FROM transfer_lease WHERE session_id = ? AND name = ?", arguments: [sessionID, name])
            }
        }
    }

    package func releaseTransferLeases(sessionID: String) async throws {
        try await self.pool.write { db in
            try db.execute(sql: "DELETE FROM transfer_lease WHERE session_id = ?", arguments: [sessionID])
        }
    }

    package func transferLeases(sessionID: String, at now: Date) async throws -> [TransferLease] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db.cachedStatement(sql: "SELECT * FROM transfer_lease WHERE session_id = ? AND expiry > ? ORDER BY name"),
                arguments: [sessionID, now.timeIntervalSince1970]
            ).map(Self.lease)
        }
    }

    private static func lease(_ row: Row) -> TransferLease {
        TransferLease(
            sessionID: row["session_id"], name: row["name"], holder: row["holder"], bytes: row["bytes"],
            expiry: SQLiteRows.date(row, "expiry")
        )
    }
}
