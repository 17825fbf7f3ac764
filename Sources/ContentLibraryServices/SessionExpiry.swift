//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import Foundation

/// How long update and download sessions live, one rule for both: an ACTIVE session expires
/// when it has been idle for `timeout`; a session that has ended is kept for `retention`, then
/// deleted by the reaper.
package struct SessionExpiry: Hashable, Sendable {
    /// Idle time after which an ACTIVE session expires.
    package var timeout: TimeInterval
    /// How long an ended session stays readable.
    package var retention: TimeInterval

    /// Creates the rule.
    package init(timeout: TimeInterval, retention: TimeInterval) {
        self.timeout = timeout
        self.retention = retention
    }

    /// The `expiration_time` a client sees: idle expiry while ACTIVE, the end of retention after.
    package func expirationTime(active: Bool, lastActivity: Date, finishedTime: Date?) -> Date {
        active ? lastActivity.addingTimeInterval(self.timeout) : (finishedTime ?? lastActivity).addingTimeInterval(self.retention)
    }

    /// Whether an ACTIVE session last active at `lastActivity` has expired at `now`.
    package func isExpired(lastActivity: Date, at now: Date) -> Bool {
        now.timeIntervalSince(lastActivity) > self.timeout
    }

    /// Sessions that ended before this time are past their retention at `now`.
    package func retentionCutoff(at now: Date) -> Date {
        now.addingTimeInterval(-self.retention)
    }

    /// The `error_message` of a session the reaper expired.
    package func expiredMessage(_ kind: String) -> LocalizableMessage {
        LocalizableMessage(
            id: "com.vmware.content.library.item.\(kind).expired",
            defaultMessage: "The \(kind.replacingOccurrences(of: "_", with: " ")) expired after \(Int(self.timeout)) seconds without activity.",
            args: [String(Int(self.timeout))]
        )
    }
}
