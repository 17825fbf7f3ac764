//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation
import Synchronization

/// Slows down and then locks out password guessing, per user name and per client address.
///
/// Each failed login of a name or from an address counts against it: the answer is delayed by
/// `baseDelay`, doubling with each failure up to `maxDelay`; after `lockoutFailures` failures the
/// name (or address) is locked for `lockoutDuration`, when every login of it fails at once, even
/// with the right password. Failures older than `window` are forgotten; a successful login clears
/// its name and address. Every refusal is the same `Unauthenticated`, so the throttle tells an
/// attacker nothing about which names exist.
package final class LoginThrottle: Sendable {
    /// The throttle's settings.
    package struct Policy: Hashable, Sendable {
        /// The delay after the first failure.
        package var baseDelay: TimeInterval
        /// The longest delay.
        package var maxDelay: TimeInterval
        /// Failures that lock a name or address.
        package var lockoutFailures: Int
        /// How long a lock lasts.
        package var lockoutDuration: TimeInterval
        /// How long a failure is remembered.
        package var window: TimeInterval

        /// Creates a policy; the defaults delay 0.25 s to 4 s and lock for 5 minutes after 10 failures.
        package init(
            baseDelay: TimeInterval = 0.25, maxDelay: TimeInterval = 4, lockoutFailures: Int = 10,
            lockoutDuration: TimeInterval = 300, window: TimeInterval = 900
        ) {
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
            self.lockoutFailures = lockoutFailures
            self.lockoutDuration = lockoutDuration
            self.window = window
        }
    }

    /// What the throttle says of an attempt before the password is checked.
    package enum Verdict: Hashable, Sendable {
        /// Check the password.
        case allowed
        /// Refuse without checking: the name or address is locked until then.
        case locked(until: Date)
    }

    private struct Record {
        var failures: Int
        var lastFailure: Date
        var lockedUntil: Date?
    }

    package let policy: Policy
    private let records = Mutex<[String: Record]>([:])
    /// Keys remembered at most; past it the oldest half is dropped (an address spray cannot grow memory).
    private static let capacity = 100_000

    /// Creates a throttle.
    package init(policy: Policy = Policy()) {
        self.policy = policy
    }

    /// Whether a login of `user` from `address` may be checked at `now`.
    package func verdict(user: String, address: String?, now: Date) -> Verdict {
        let keys = Self.keys(user: user, address: address)
        return self.records.withLock { records in
            let until = keys.compactMap { records[$0]?.lockedUntil }.filter { $0 > now }.max()
            return until.map { .locked(until: $0) } ?? .allowed
        }
    }

    /// Counts a failed login; returns how long to wait before answering.
    package func failed(user: String, address: String?, now: Date) -> TimeInterval {
        let keys = Self.keys(user: user, address: address)
        return self.records.withLock { records in
            if records.count >= Self.capacity {
                let oldest = records.sorted { $0.value.lastFailure < $1.value.lastFailure }.prefix(Self.capacity / 2).map(\.key)
                for key in oldest { records.removeValue(forKey: key) }
            }
            var worst = 0
            for key in keys {
                var record = records[key] ?? Record(failures: 0, lastFailure: now, lockedUntil: nil)
                if now.timeIntervalSince(record.lastFailure) > self.policy.window { record = Record(failures: 0, lastFailure: now, lockedUntil: nil) }
                record.failures += 1
                record.lastFailure = now
                if record.failures >= self.policy.lockoutFailures {
                    record.lockedUntil = now.addingTimeInterval(self.policy.lockoutDuration)
                    record.failures = 0
                }
                records[key] = record
                worst = max(worst, record.failures)
            }
            guard worst > 0 else { return self.policy.maxDelay }
            return min(self.policy.maxDelay, self.policy.baseDelay * pow(2, Double(worst - 1)))
        }
    }

    /// Clears the failures of a name and address after a successful login.
    package func succeeded(user: String, address: String?) {
        let keys = Self.keys(user: user, address: address)
        self.records.withLock { records in
            for key in keys { records.removeValue(forKey: key) }
        }
    }

    private static func keys(user: String, address: String?) -> [String] {
        ["user:" + user.lowercased()] + (address.map { ["address:" + $0] } ?? [])
    }
}
