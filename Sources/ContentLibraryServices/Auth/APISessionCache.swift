//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation
import Synchronization

/// The last access of recently used API session tokens, so that an authenticated call does not
/// write each time.
///
/// Every call authenticates its token; writing `last_accessed_time` each time serialised every
/// read behind the database writer. The token and its user are read from the store on every call
/// (so a logout, or a user removed or changed, counts at once on every replica); the last access
/// is kept here and written to the store at most every `persistInterval`. Idle expiry judges the
/// later of the access kept here and the one stored (another replica's).
package final class APISessionCache: Sendable {
    /// What this process knows of one token beyond the store.
    struct Entry: Sendable {
        /// The token's last use as this process saw it.
        var lastAccessed: Date
        /// When its last access was last written to the store.
        var persistedAt: Date
    }

    /// How often a token's last access is written to the store at most.
    package static let persistInterval: TimeInterval = 5
    /// Tokens kept at most; past it the cache starts over.
    private static let capacity = 10_000

    private let entries = Mutex<[String: Entry]>([:])

    /// Creates an empty cache.
    package init() {}

    /// The entry of a token hash.
    func entry(_ tokenHash: String) -> Entry? {
        self.entries.withLock { $0[tokenHash] }
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
