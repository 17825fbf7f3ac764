//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one program with no shell: arguments as given, a fixed environment, a working folder,
/// bytes on standard input, and bounded standard output and error. The program starts with
/// default signal dispositions and an empty signal mask (`SpawnedChild`), whatever the server
/// blocks or ignores, so the time-out's SIGTERM reaches it.
struct ExternalProcess: Sendable {
    /// How a run ended.
    enum Outcome: Hashable, Sendable {
        /// The program exited with a status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)
        /// It ran past the time limit and was terminated.
        case timedOut
        /// It wrote more than the output limit and was killed.
        case outputTooLarge
        /// It could not be started.
        case launchFailed(String)
    }

    /// The outcome and what the program wrote.
    struct Result: Sendable {
        var outcome: Outcome
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    var timeout: Double
    var maxOutputBytes: Int
    /// Standard error beyond this is dropped (the log gets a note).
    var maxErrorBytes = 64 * 1024

    /// Runs the program on threads of its own (blocking waits never starve the shared pools);
    /// the caller's task is not blocked.
    func run(input: [UInt8]) async -> Result {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: self.runBlocking(input: input))
            }
        }
    }

    /// The output collected by a reader thread.
    private final class Collected: Sendable {
        let bytes = Mutex<[UInt8]>([])
        let overflow = Atomic<Bool>(false)
    }

    private func runBlocking(input: [UInt8]) -> Result {
        _ = Self.ignoreBrokenPipes
        let child: SpawnedChild
        do {
            child = try SpawnedChild(
                executable: self.executable, arguments: self.arguments, environment: self.environment,
                workingDirectory: self.workingDirectory
            )
        } catch {
            return Result(outcome: .launchFailed(error.description), stdout: [], stderr: [])
        }
        let pid = child.pid
        let exit = ExitWatcher(pid: pid)
        let readers = DispatchGroup()
        let writer = child.stdin
        Thread.detachNewThread {
            input.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(writer, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0, errno == EINTR { continue }
                    guard written > 0 else { break }
                    offset += written
                }
            }
            close(writer)
        }
        let out = Collected()
        let err = Collected()
        Self.collect(child.stdout, into: out, limit: self.maxOutputBytes, group: readers) { _ = kill(pid, SIGKILL) }
        Self.collect(child.stderr, into: err, limit: self.maxErrorBytes, group: readers) {}
        var outcome = exit.wait(seconds: self.timeout)
        if outcome == nil {
            // Ask first: the program may clean up on SIGTERM. It was started with default signal
            // dispositions and an empty mask, so it does receive it.
            _ = kill(pid, SIGTERM)
            if exit.wait(seconds: 2) == nil {
                _ = kill(pid, SIGKILL)
                _ = exit.wait(seconds: 5)
            }
            outcome = .timedOut
        }
        // A grandchild may hold the pipes open; do not wait for it past a short grace.
        _ = readers.wait(timeout: .now() + 2)
        if outcome != .timedOut, out.overflow.load(ordering: .relaxed) { outcome = .outputTooLarge }
        return Result(outcome: outcome ?? .timedOut, stdout: out.bytes.withLock { $0 }, stderr: err.bytes.withLock { $0 })
    }

    /// Reads a pipe to its end on a background thread, keeping at most `limit` bytes.
    private static func collect(
        _ descriptor: Int32, into collected: Collected, limit: Int, group: DispatchGroup,
        onOverflow: @escaping @Sendable () -> Void
    ) {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            // read(2) itself, retried on EINTR: the server's other children exit while this one
            // runs, and a read cut short by their SIGCHLD must not end the collection early (it
            // would lose output, or miss an overflow and report a broken pipe instead).
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                let overflowed = collected.bytes.withLock { bytes -> Bool in
                    let room = limit - bytes.count
                    bytes += chunk[0..<min(count, max(0, room))]
                    return count > room
                }
                if overflowed, !collected.overflow.exchange(true, ordering: .relaxed) { onOverflow() }
            }
            close(descriptor)
        }
    }

    /// A write to a pipe whose reader exited must fail with EPIPE, not kill the server.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
