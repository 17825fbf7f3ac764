//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
package import Foundation
import PostgresNIO

/// Transfer leases: one row per file being transferred, with its holder, bytes and expiry.
///
/// Taking a lease locks its session's row first (`FOR NO KEY UPDATE`), so the acquisitions of
/// one session's files queue on every replica and the per-session limit counts what all of
/// them hold; two replicas racing for one file cannot both insert (the primary key), and the
/// second finds the first's lease `.held`.
extension PostgresMetadataStore {
    package func acquireTransferLease(_ lease: TransferLease, now: Date, limit: Int) async throws -> LeaseAcquisition {
        try await self.transaction { connection -> LeaseAcquisition in
            try await connection.rows("SELECT id FROM session WHERE id = \(lease.sessionID) FOR NO KEY UPDATE", self.logger)
            try await connection.rows(
                """
                DELETE FROM transfer_lease WHERE session_id = \(lease.sessionID) AND name = \(lease.name)
                AND expiry <= \(now.timeIntervalSince1970)
                """,
                self.logger
            )
            if let held = try await connection.rows(
                "SELECT * FROM transfer_lease WHERE session_id = \(lease.sessionID) AND name = \(lease.name)", self.logger
            ).first {
                return .held(try PostgresRows.lease(held))
            }
            let running = try await connection.rows(
                "SELECT COUNT(*) FROM transfer_lease WHERE session_id = \(lease.sessionID) AND expiry > \(now.timeIntervalSince1970)",
                self.logger
            ).first?.decode(Int64.self) ?? 0
            guard running < limit else { return .sessionFull }
            try await connection.rows(
                """
                INSERT INTO transfer_lease (session_id, name, holder, bytes, expiry)
                VALUES (\(lease.sessionID), \(lease.name), \(lease.holder), \(lease.bytes), \(lease.expiry.timeIntervalSince1970))
                """,
                self.logger
            )
            return .acquired
        }
    }

    package func renewTransferLease(_ lease: TransferLease) async throws -> Bool {
        try await !self.rows(
            """
            UPDATE transfer_lease SET bytes = \(lease.bytes), expiry = GREATEST(expiry, \(lease.expiry.timeIntervalSince1970))
            WHERE session_id = \(lease.sessionID) AND name = \(lease.name) AND holder = \(lease.holder) RETURNING name
            """
        ).isEmpty
    }

    package func releaseTransferLease(sessionID: String, name: String, holder: String?) async throws {
        if let holder {
            try await self.rows("DELETE FROM transfer_lease WHERE session_id = \(sessionID) AND name = \(name) AND holder = \(holder)")
        } else {
            try await self.rows("DELETE FROM transfer_lease WHERE session_id = \(sessionID) AND name = \(name)")
        }
    }

    package func releaseTransferLeases(sessionID: String) async throws {
        try await self.rows("DELETE FROM transfer_lease WHERE session_id = \(sessionID)")
    }

    package func transferLeases(sessionID: String, at now: Date) async throws -> [TransferLease] {
        try await self.rows(
            "SELECT * FROM transfer_lease WHERE session_id = \(sessionID) AND expiry > \(now.timeIntervalSince1970) ORDER BY name"
        ).map(PostgresRows.lease)
    }
}
