//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation
import Synchronization

/// What this server process remembers of SOAP sessions beyond the token: the public session
/// key, where the login came from, call counts, the session's container views and unfinished
/// `RetrievePropertiesEx` results.
///
/// It is a bounded in-memory table: the session itself (user, validity, idle expiry) is the API
/// session in the metadata store, checked on every call; an entry whose token the store no longer
/// knows is dropped, and a token the table does not know (after a restart) gets a new entry.
package final class SOAPSessionTable: Sendable {
    /// One session's entry.
    struct Entry: Sendable {
        var token: String
        var session: SOAPUserSession
        var views: [ContainerViewSpec]
        var pages: [String: [PropertyCollector.ObjectContent]]
    }

    /// Sessions kept at most; past it the least recently used is forgotten.
    private let capacity: Int
    private let entries = Mutex<[String: Entry]>([:])
    private let counter = Atomic<Int>(0)

    /// Creates an empty table.
    package init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The session of `token`, created when new, marked as used now.
    package func touch(token: String, user: String, created: Date, now: Date, address: String?, agent: String?, locale: String? = nil)
        -> SOAPUserSession
    {
        self.entries.withLock { entries in
            if var entry = entries[token], entry.session.userName == user {
                entry.session.lastActiveTime = now
                entry.session.callCount += 1
                entries[token] = entry
                return entry.session
            }
            if entries.count >= self.capacity, let oldest = entries.min(by: { $0.value.session.lastActiveTime < $1.value.session.lastActiveTime }) {
                entries.removeValue(forKey: oldest.key)
            }
            let session = SOAPUserSession(
                key: UUID().uuidString.lowercased(), userName: user, loginTime: created, lastActiveTime: now, locale: locale ?? "en_US",
                ipAddress: address ?? "", userAgent: agent ?? "", callCount: 1
            )
            entries[token] = Entry(token: token, session: session, views: [], pages: [:])
            return session
        }
    }

    /// The sessions of `user` used within `idle` seconds of `now`.
    package func sessions(of user: String, now: Date, idle: TimeInterval) -> [SOAPUserSession] {
        self.entries.withLock { entries in
            entries.values.filter { $0.session.userName == user && now.timeIntervalSince($0.session.lastActiveTime) <= idle }
                .map(\.session).sorted { $0.loginTime < $1.loginTime }
        }
    }

    /// The token of `user`'s session with public key `key`.
    package func token(key: String, user: String) -> String? {
        self.entries.withLock { entries in
            entries.values.first { $0.session.key == key && $0.session.userName == user }?.token
        }
    }

    /// Forgets a token's session, its views and pages.
    package func remove(token: String) {
        _ = self.entries.withLock { $0.removeValue(forKey: token) }
    }

    /// The session's container views.
    package func views(token: String) -> [ContainerViewSpec] {
        self.entries.withLock { $0[token]?.views ?? [] }
    }

    /// Adds a container view to the session (at most 1000 per session).
    package func addView(token: String, container: ManagedObjectReference, types: [String], recursive: Bool) -> ManagedObjectReference? {
        let serial = self.counter.add(1, ordering: .relaxed).newValue
        return self.entries.withLock { entries in
            guard var entry = entries[token], entry.views.count < 1000 else { return nil }
            let reference = ManagedObjectReference(type: "ContainerView", value: "session[\(entry.session.key)]view-\(serial)")
            entry.views.append(ContainerViewSpec(reference: reference, container: container, types: types, recursive: recursive))
            entries[token] = entry
            return reference
        }
    }

    /// Removes a container view of the session; `false` when it has none by that reference.
    package func removeView(token: String, reference: ManagedObjectReference) -> Bool {
        self.entries.withLock { entries in
            guard var entry = entries[token], let index = entry.views.firstIndex(where: { $0.reference.value == reference.value }) else {
                return false
            }
            entry.views.remove(at: index)
            entries[token] = entry
            return true
        }
    }

    /// Keeps the rest of a paged result under a new continuation token (at most 16 per session).
    package func keepPage(token: String, remaining: [PropertyCollector.ObjectContent]) -> String? {
        let serial = self.counter.add(1, ordering: .relaxed).newValue
        return self.entries.withLock { entries in
            guard var entry = entries[token] else { return nil }
            if entry.pages.count >= 16, let first = entry.pages.keys.sorted().first { entry.pages.removeValue(forKey: first) }
            let key = String(serial)
            entry.pages[key] = remaining
            entries[token] = entry
            return key
        }
    }

    /// Takes the rest of a paged result; `nil` when the continuation token is unknown.
    package func takePage(token: String, page: String) -> [PropertyCollector.ObjectContent]? {
        self.entries.withLock { entries in
            guard var entry = entries[token], let remaining = entry.pages.removeValue(forKey: page) else { return nil }
            entries[token] = entry
            return remaining
        }
    }
}
