//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// How often and how patiently a broken upload is resumed.
///
/// The count is of consecutive failures: a resume that got the server further than the last
/// failure starts the count again, so a long upload over a flaky link keeps going while a dead
/// server is given up after `maxRetries` tries.
public struct RetryPolicy: Hashable, Sendable {
    /// How many resumes are tried after consecutive connection failures.
    public var maxRetries: Int
    /// The wait before the first resume; it doubles with every consecutive failure.
    public var initialDelay: Duration
    /// The longest wait.
    public var maxDelay: Duration

    /// Creates a policy.
    public init(maxRetries: Int = 5, initialDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30)) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The wait before try `attempt` (1 for the first resume).
    public func delay(beforeAttempt attempt: Int) -> Duration {
        var delay = self.initialDelay
        for _ in 1..<max(1, attempt) {
            delay *= 2
            if delay >= self.maxDelay { return self.maxDelay }
        }
        return min(delay, self.maxDelay)
    }
}
