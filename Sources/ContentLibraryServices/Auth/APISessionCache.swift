//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation
import Synchronization

/// Recently used API session tokens, so that an authenticated read does not write.
///
/// Every call authenticates its token; writing `last_accessed_time` each time serialised every
/// read behind the database writer. A token found here is trusted for `lifetime`, with its user's
/// privileges; then both are read again, so a logout or a user removed or changed through another
/// replica is seen within it. Its last access is kept here and written to the store at most every
/// `persistInterval`. Idle expiry judges the access kept here.
package final class APISessionCache: Sendable {
    /// What is known of one token.
    struct Entry: Sendable {
        /// The session, with its last access as this server saw it.
        var record: APISessionRecord
        /// Its user, as the store held it when the session was read.
        var account: UserAccount
        /// When it was read from the store.
        var loadedAt: Date
        /// When its last access was last written to the store.
        var persistedAt: Date
    }

    /// How long a token read from the store is trusted without reading it again.
    package static let lifetime: TimeInterval = 5
    /// How often a token's last access is written to the store at most.
    package static let persistInterval: TimeInterval = 5
    /// Tokens kept at most; past it the cache starts over.
    private static let capacity = 10_000

    private let entries = Mutex<[String: Entry]>([:])

    /// Creates an empty cache.
    package init() {}

    /// The entry of a token hash, if it was read from the store less than `lifetime` ago.
    func entry(_ tokenHash: String, now: Date) -> Entry? {
        self.entries.withLock { entries in
            guard let entry = entries[tokenHash] else { return nil }
            guard now.timeIntervalSince(entry.loadedAt) < Self.lifetime else {
                entries.removeValue(forKey: tokenHash)
                return nil
            }
            return entry
        }
    }

    /// Remembers an entry.
    func store(_ tokenHash: String, _ entry: Entry) {
        self.entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[tokenHash] = entry
        }
    }

    /// Forgets a token (logged out or expired).
    func forget(_ tokenHash: String) {
        _ = self.entries.withLock { $0.removeValue(forKey: tokenHash) }
    }
}
