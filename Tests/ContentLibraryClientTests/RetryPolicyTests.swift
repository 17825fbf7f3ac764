//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryClient
import Testing

@Suite struct RetryPolicyTests {
    @Test func theDelayDoublesUpToTheLimit() {
        let policy = RetryPolicy(maxRetries: 8, initialDelay: .milliseconds(500), maxDelay: .seconds(3))
        #expect((1...6).map { policy.delay(beforeAttempt: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(3), .seconds(3), .seconds(3)])
    }
}
