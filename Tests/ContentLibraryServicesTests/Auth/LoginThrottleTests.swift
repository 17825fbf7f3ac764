//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import GenericFileAdapter
import Testing

/// Failed logins slow down, then lock a name or an address; the refusal is the same
/// `Unauthenticated` as a wrong password, and a success clears the count.
@Suite struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func delaysGrowThenTheNameIsLocked() {
        let throttle = LoginThrottle(policy: .init(baseDelay: 0.25, maxDelay: 1, lockoutFailures: 4, lockoutDuration: 60, window: 900))
        #expect(throttle.failed(user: "alice", address: "10.0.0.1", now: self.start) == 0.25)
        #expect(throttle.failed(user: "alice", address: "10.0.0.2", now: self.start) == 0.5)
        #expect(throttle.failed(user: "alice", address: "10.0.0.3", now: self.start) == 1, "capped")
        #expect(throttle.verdict(user: "alice", address: "10.0.0.9", now: self.start) == .allowed)
        _ = throttle.failed(user: "alice", address: "10.0.0.4", now: self.start)
        #expect(throttle.verdict(user: "ALICE", address: "10.0.0.9", now: self.start) == .locked(until: self.start.addingTimeInterval(60)))
        #expect(throttle.verdict(user: "bob", address: "10.0.0.9", now: self.start) == .allowed, "other names are not locked")
        #expect(throttle.verdict(user: "alice", address: nil, now: self.start.addingTimeInterval(61)) == .allowed, "the lock ends")
    }

    @Test func anAddressSprayingNamesIsLocked() {
        let throttle = LoginThrottle(policy: .init(baseDelay: 0, maxDelay: 0, lockoutFailures: 3, lockoutDuration: 60, window: 900))
        for name in ["a", "b", "c"] { _ = throttle.failed(user: name, address: "10.0.0.1", now: self.start) }
        #expect(throttle.verdict(user: "d", address: "10.0.0.1", now: self.start) != .allowed)
        #expect(throttle.verdict(user: "d", address: "10.0.0.2", now: self.start) == .allowed)
    }

    @Test func oldFailuresAreForgottenAndASuccessClears() {
        let throttle = LoginThrottle(policy: .init(baseDelay: 0, maxDelay: 0, lockoutFailures: 2, lockoutDuration: 60, window: 100))
        _ = throttle.failed(user: "alice", address: nil, now: self.start)
        _ = throttle.failed(user: "alice", address: nil, now: self.start.addingTimeInterval(200))
        #expect(throttle.verdict(user: "alice", address: nil, now: self.start.addingTimeInterval(200)) == .allowed, "outside the window")
        throttle.succeeded(user: "alice", address: nil)
        _ = throttle.failed(user: "alice", address: nil, now: self.start.addingTimeInterval(201))
        #expect(throttle.verdict(user: "alice", address: nil, now: self.start.addingTimeInterval(201)) == .allowed, "cleared by the success")
    }

    @Test func aLockedNameIsRefusedEvenWithTheRightPassword() async throws {
        let folder = NSTemporaryDirectory() + "login-throttle-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let context = ServiceContext(
            metadata: try SQLiteMetadataStore(path: folder + "/metadata.sqlite"),
            content: try FolderContentStore(datastores: ["datastore-1": folder + "/datastore-1"]),
            adapters: AdapterRegistry(fallback: GenericFileAdapter(), adapters: []),
            configuration: ServiceConfiguration(
                serverGUID: "test", loginThrottle: .init(baseDelay: 0, maxDelay: 0, lockoutFailures: 3, lockoutDuration: 60, window: 900)
            )
        )
        try await context.metadata.saveUser(UserAccount(name: "alice", passwordHash: try PasswordHash.make("secret"), privileges: []))
        let auth = AuthService(context: context)
        #expect(!(try await auth.login(user: "alice", password: "secret", from: "10.0.0.1")).isEmpty)
        for _ in 0..<3 {
            await expectAPIError(.unauthenticated) { try await auth.login(user: "alice", password: "guess", from: "10.0.0.1") }
        }
        let locked = await expectAPIError(.unauthenticated) { try await auth.login(user: "alice", password: "secret", from: "10.0.0.2") }
        #expect(locked?.messages.first?.defaultMessage == "Authentication failed: the user name or password is wrong.", "the same answer")
    }
}
