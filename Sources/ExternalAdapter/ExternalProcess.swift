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
/// bytes on standard input, and bounded standard output and error.
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: self.executable)
        process.arguments = self.arguments
        process.environment = self.environment
        process.currentDirectoryURL = URL(fileURLWithPath: self.workingDirectory, isDirectory: true)
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            return Result(outcome: .launchFailed(error.localizedDescription), stdout: [], stderr: [])
        }
        let pid = process.processIdentifier
        let readers = DispatchGroup()
        let writer = stdin.fileHandleForWriting
        Thread.detachNewThread {
            try? writer.write(contentsOf: Data(input))
            try? writer.close()
        }
        let out = Collected()
        let err = Collected()
        Self.collect(stdout.fileHandleForReading, into: out, limit: self.maxOutputBytes, group: readers) { _ = kill(pid, SIGKILL) }
        Self.collect(stderr.fileHandleForReading, into: err, limit: self.maxErrorBytes, group: readers) {}
        var outcome = Self.waitForExit(process, pid: pid, exited: exited, seconds: self.timeout)
        if outcome == nil {
            process.terminate()
            if Self.waitForExit(process, pid: pid, exited: exited, seconds: 2) == nil {
                _ = kill(pid, SIGKILL)
                _ = Self.waitForExit(process, pid: pid, exited: exited, seconds: 5)
            }
            outcome = .timedOut
        }
        // A grandchild may hold the pipes open; do not wait for it past a short grace.
        _ = readers.wait(timeout: .now() + 2)
        if outcome != .timedOut, out.overflow.load(ordering: .relaxed) { outcome = .outputTooLarge }
        return Result(outcome: outcome ?? .timedOut, stdout: out.bytes.withLock { $0 }, stderr: err.bytes.withLock { $0 })
    }

    /// Waits up to `seconds` for the program to exit; its outcome, or `nil` if it still runs.
    ///
    /// Foundation reports the exit only once every holder of the child's descriptors is gone, so a
    /// grandchild (`sh` running `sleep`) would delay it: the exit is also polled with `waitid`,
    /// without reaping, so Foundation still reaps the child.
    private static func waitForExit(_ process: Process, pid: pid_t, exited: DispatchSemaphore, seconds: Double) -> Outcome? {
        let deadline = DispatchTime.now() + seconds
        while true {
            if exited.wait(timeout: .now() + 0.02) == .success {
                exited.signal()
                return process.terminationReason == .uncaughtSignal ? .signaled(process.terminationStatus) : .exited(process.terminationStatus)
            }
            #if canImport(Glibc)
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._sigchld.si_pid == pid {
                let status = info._sifields._sigchld.si_status
                return info.si_code == Int32(CLD_EXITED) ? .exited(status) : .signaled(status)
            }
            #endif
            if DispatchTime.now() >= deadline { return nil }
        }
    }

    /// Reads a pipe to its end on a background thread, keeping at most `limit` bytes.
    private static func collect(
        _ handle: FileHandle, into collected: Collected, limit: Int, group: DispatchGroup,
        onOverflow: @escaping @Sendable () -> Void
    ) {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            // read(2) itself, retried on EINTR: the server's other children exit while this one
            // runs, and a read cut short by their SIGCHLD must not end the collection early (it
            // would lose output, or miss an overflow and report a broken pipe instead).
            let descriptor = handle.fileDescriptor
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
            try? handle.close()
        }
    }

    /// A write to a pipe whose reader exited must fail with EPIPE, not kill the server.
    private static let ignoreBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()
}
