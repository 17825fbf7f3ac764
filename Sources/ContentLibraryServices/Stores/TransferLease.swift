//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation

/// The claim of one replica on one session file's transfer (a PUSH upload or a PULL), held in
/// the metadata store so that every replica sees it.
///
/// A transfer runs only under its lease, and renews it with a heartbeat that also publishes the
/// bytes received so far. A replica that dies stops renewing: once `expiry` passes, any replica
/// may take the lease (a PUSH resumed through it, a PULL restarted by its reaper). Canceling,
/// failing or expiring the session, or removing the file, deletes the lease, and the holder's
/// next renewal fails: that is how a stop reaches a transfer running on another replica.
package struct TransferLease: Hashable, Sendable {
    /// The session of the file.
    package var sessionID: String
    /// The file's name in the session.
    package var name: String
    /// The replica running the transfer (`ServiceConfiguration.replicaID`).
    package var holder: String
    /// Bytes received so far, as of the last heartbeat.
    package var bytes: Int64
    /// When the lease lapses unless it is renewed.
    package var expiry: Date

    /// Creates a lease.
    package init(sessionID: String, name: String, holder: String, bytes: Int64, expiry: Date) {
        self.sessionID = sessionID
        self.name = name
        self.holder = holder
        self.bytes = bytes
        self.expiry = expiry
    }
}

/// What `MetadataStore.acquireTransferLease` did.
package enum LeaseAcquisition: Hashable, Sendable {
    /// The lease is the caller's until its expiry.
    case acquired
    /// Another transfer of the file holds an unexpired lease.
    case held(TransferLease)
    /// The session already has as many unexpired leases as the limit allows.
    case sessionFull
}
