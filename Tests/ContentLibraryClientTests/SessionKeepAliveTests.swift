//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryClient
import Foundation
import Testing

@Suite struct SessionKeepAliveTests {
    @Test func theIntervalIsHalfTheTimeLeftBetweenOneAndSixtySeconds() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(SessionKeepAlive.interval(until: now.addingTimeInterval(300), now: now) == .seconds(60))
        #expect(SessionKeepAlive.interval(until: now.addingTimeInterval(30), now: now) == .seconds(15))
        #expect(SessionKeepAlive.interval(until: now.addingTimeInterval(1), now: now) == .seconds(1))
        #expect(SessionKeepAlive.interval(until: now.addingTimeInterval(-5), now: now) == .seconds(1))
        #expect(SessionKeepAlive.interval(until: nil, now: now) == .seconds(60))
    }
}
