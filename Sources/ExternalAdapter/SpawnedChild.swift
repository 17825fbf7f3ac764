//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import CProcessSpawn
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program started with `posix_spawn`, and the parent's ends of its three standard pipes.
///
/// Foundation's `Process` leaves the child the server's signal state: the dispositions the server
/// ignores (SIGPIPE here, SIGTERM and SIGINT under ServiceLifecycle) survive `exec`, so an external
/// adapter could never be asked to stop. This spawns with every catchable signal at its default
/// disposition and an empty mask, and it inherits no descriptor but its three standard streams
/// (not the server's sockets, nor a pipe of another adapter started at the same moment).
struct SpawnedChild {
    /// Why a program could not be started.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The child's process id.
    let pid: pid_t
    /// The write end of its standard input.
    let stdin: Int32
    /// The read end of its standard output.
    let stdout: Int32
    /// The read end of its standard error.
    let stderr: Int32

    /// Starts `executable` (a path; no `PATH` search, no shell) in `workingDirectory`.
    init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String) throws(Failure) {
        var ends: [(read: Int32, write: Int32)] = []
        defer {
            // The child's ends are the parent's to close once it runs (or failed to).
            if ends.count == 3 { for fd in [ends[0].read, ends[1].write, ends[2].write] { close(fd) } }
        }
        for _ in 0..<3 {
            guard let pipe = Self.makePipe() else {
                for end in ends { close(end.read); close(end.write) }
                ends = []
                throw Failure(description: "cannot create a pipe: \(Self.describe(errno))")
            }
            ends.append(pipe)
        }

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0].read, 0)
        posix_spawn_file_actions_adddup2(&actions, ends[1].write, 1)
        posix_spawn_file_actions_adddup2(&actions, ends[2].write, 2)
        cps_file_actions_addclosefrom(&actions, 3)
        cps_file_actions_addchdir(&actions, workingDirectory)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in Int32(1)..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | cps_extra_spawn_flags())

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        var status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: a program written a moment ago can still be open for writing in a child that
        // another thread is spawning (between its fork and its exec); that lasts microseconds.
        var attempts = 1
        while status == ETXTBSY, attempts < 20 {
            usleep(UInt32(5_000 * attempts))
            attempts += 1
            status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        guard status == 0 else {
            for fd in [ends[0].write, ends[1].read, ends[2].read] { close(fd) }
            throw Failure(description: Self.describe(status))
        }
        self.pid = pid
        self.stdin = ends[0].write
        self.stdout = ends[1].read
        self.stderr = ends[2].read
    }

    /// A pipe whose two ends are close-on-exec.
    private static func makePipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [0, 0]
        guard cps_pipe_cloexec(&fds) == 0 else { return nil }
        return (fds[0], fds[1])
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
