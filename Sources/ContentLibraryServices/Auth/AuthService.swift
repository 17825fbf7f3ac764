//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
import Crypto
import Logging
import Foundation

/// API sessions: `com.vmware.cis.session` — log in with a password, then use a token.
///
/// Users and tokens both live in the metadata store, so a token is valid on every replica and a
/// user added on one is known to all at once.
package struct AuthService: Sendable {
    private let context: ServiceContext

    /// Creates the service over the store's users.
    package init(context: ServiceContext) {
        self.context = context
    }

    /// `session.create`: a new token for a valid user and password.
    ///
    /// Any failure is the same `Unauthenticated`, so a caller cannot learn which user names exist.
    /// Failures are throttled per name and per client `address` (`LoginThrottle`) and logged.
    package func login(user: String, password: String, from address: String? = nil) async throws -> String {
        let throttle = self.context.loginThrottle
        let failure = Self.unauthenticated("Authentication failed: the user name or password is wrong.")
        if case .locked(let until) = throttle.verdict(user: user, address: address, now: self.context.now()) {
            self.context.logger.warning(
                "login refused: locked out after repeated failures",
                metadata: ["user": "\(user)", "address": "\(address ?? "?")", "until": "\(until)"]
            )
            throw failure
        }
        guard let account = try await self.context.metadata.user(name: user), PasswordHash.verify(password, against: account.passwordHash) else {
            let delay = throttle.failed(user: user, address: address, now: self.context.now())
            self.context.logger.notice("login failed", metadata: ["user": "\(user)", "address": "\(address ?? "?")"])
            try? await Task.sleep(for: .seconds(delay))
            throw failure
        }
        throttle.succeeded(user: user, address: address)
        var generator = SystemRandomNumberGenerator()
        let token = (0..<4).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        let now = self.context.now()
        try await self.context.metadata.insertAPISession(
            APISessionRecord(tokenHash: Self.hash(token), user: account.name, createdTime: now, lastAccessedTime: now)
        )
        return token
    }

    /// The caller a token stands for; `Unauthenticated` when the token is missing or unknown.
    ///
    /// With `sessionID`, the snapshot of that update session is read with the token in one store
    /// read and handed on as `Caller.prefetched`, for an operation that reads it first.
    package func authenticate(token: String?, prefetchingSnapshotOf sessionID: String? = nil) async throws -> Caller {
        let (_, account, snapshot) = try await self.session(token, snapshotOf: sessionID)
        var caller = Caller(user: account.name, privileges: account.privileges)
        if let sessionID { caller.prefetched = Caller.PrefetchedSnapshot(sessionID: sessionID, snapshot: snapshot) }
        return caller
    }

    /// `session.get`: who the token belongs to and when it was used.
    package func info(token: String?) async throws -> APISessionInfo {
        let (session, _, _) = try await self.session(token)
        return APISessionInfo(user: session.user, createdTime: session.createdTime, lastAccessedTime: session.lastAccessedTime)
    }

    /// A token's session, marked as used, and its user's account (with the snapshot of
    /// `sessionID`, when given); `Unauthenticated` otherwise.
    private func session(_ token: String?, snapshotOf sessionID: String? = nil) async throws
        -> (APISessionRecord, UserAccount, SessionSnapshot?)
    {
        guard let token, !token.isEmpty else {
            throw Self.unauthenticated("This call needs a session: log in and send the vmware-api-session-id header.")
        }
        guard let (record, account, snapshot) = try await self.use(token, snapshotOf: sessionID) else {
            throw Self.unauthenticated("The session does not exist or has ended; log in again.")
        }
        return (record, account, snapshot)
    }

    /// `session.delete`: ends the token's session.
    package func logout(token: String?) async throws {
        guard let token else { throw Self.unauthenticated("The session does not exist or has ended.") }
        let hash = Self.hash(token)
        self.context.apiSessions.forget(hash)
        guard try await self.context.metadata.deleteAPISession(tokenHash: hash) else {
            throw Self.unauthenticated("The session does not exist or has ended.")
        }
    }

    /// The session of a token with its user, marked as used now; `nil` when unknown, idle past
    /// `apiSessionTimeout`, or its user is gone.
    ///
    /// The store is read on every call (one read, session and user together), so a logout or a
    /// removed user counts at once on every replica; it is written only when the last access it
    /// holds is `APISessionCache.persistInterval` old.
    private func use(_ token: String, snapshotOf sessionID: String?) async throws
        -> (record: APISessionRecord, account: UserAccount, snapshot: SessionSnapshot?)?
    {
        let now = self.context.now()
        let hash = Self.hash(token)
        let cache = self.context.apiSessions
        let read: (session: APISessionRecord, user: UserAccount, snapshot: SessionSnapshot?)? =
            if let sessionID {
                try await self.context.metadata.apiSessionWithUser(tokenHash: hash, snapshotOf: sessionID)
            } else {
                try await self.context.metadata.apiSessionWithUser(tokenHash: hash).map { ($0.session, $0.user, nil) }
            }
        guard var (record, account, snapshot) = read else {
            cache.forget(hash)
            return nil
        }
        var entry = cache.entry(hash) ?? APISessionCache.Entry(lastAccessed: record.lastAccessedTime, persistedAt: record.lastAccessedTime)
        let lastAccess = max(entry.lastAccessed, record.lastAccessedTime)
        guard now.timeIntervalSince(lastAccess) <= self.context.configuration.apiSessionTimeout else {
            cache.forget(hash)
            _ = try await self.context.metadata.deleteAPISession(tokenHash: hash)
            return nil
        }
        entry.lastAccessed = max(lastAccess, now)
        if now.timeIntervalSince(max(entry.persistedAt, record.lastAccessedTime)) >= APISessionCache.persistInterval {
            try await self.context.metadata.touchAPISession(tokenHash: hash, at: now)
            entry.persistedAt = now
        }
        cache.store(hash, entry)
        record.lastAccessedTime = entry.lastAccessed
        return (record, account, snapshot)
    }

    /// Deletes the API sessions idle past `apiSessionTimeout` (the reaper calls it); returns how many.
    package func reap() async throws -> Int {
        try await self.context.metadata.deleteAPISessions(
            idleBefore: self.context.now().addingTimeInterval(-self.context.configuration.apiSessionTimeout)
        )
    }

    /// The lower-case hex SHA-256 of a token, as the store keys it. Every authenticated call
    /// computes it, so without `String(format:)` (a Foundation formatter per byte).
    private static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static func unauthenticated(_ text: String) -> APIError {
        APIError(.unauthenticated, id: "com.vmware.vapi.endpoint.method.authentication.required", text)
    }
}
