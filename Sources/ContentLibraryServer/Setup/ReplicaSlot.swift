//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process's identity among the processes sharing a data folder, kept across restarts: the
/// holder of its transfer leases (`ServiceConfiguration.replicaID`).
///
/// A process claims the first slot `<data>/replicas/N` it can lock (`flock`, held while it runs)
/// and takes the id stored there, creating it on first use. A server restarted after a crash
/// claims its old slot again, as the kernel dropped the dead process's lock, and so finds the
/// leases of its earlier life its own and free at once: a client resuming an upload right after
/// the restart is not kept waiting for them to lapse. Live processes never share a slot, so never
/// an id. Replicas with data folders of their own each get their own ids.
package final class ReplicaSlot: Sendable {
    /// The id of the slot.
    package let id: String
    private let descriptor: Int32

    /// Claims a slot of `dataFolder`.
    package init(dataFolder: String) throws {
        let folder = dataFolder + "/replicas"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for index in 0..<4096 {
            let path = folder + "/\(index)"
            let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                continue
            }
            var id = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if id.isEmpty {
                id = UUID().uuidString.lowercased()
                // In place: the lock is on this file, not on a replacement.
                try id.write(toFile: path, atomically: false, encoding: .utf8)
            }
            self.id = id
            self.descriptor = descriptor
            return
        }
        throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: folder + ": every replica slot is taken"])
    }

    deinit { close(self.descriptor) }
}
