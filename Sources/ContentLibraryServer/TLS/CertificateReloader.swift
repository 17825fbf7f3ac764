//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the TLS certificate and key on SIGHUP, as web servers do after a renewal.
struct CertificateReloader: Service {
    let identity: TLSIdentity
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                try self.identity.reload()
                self.logger.notice("reloaded the TLS certificate", metadata: ["certificate": "\(self.identity.certificatePath)"])
            } catch {
                self.logger.error(
                    "could not reload the TLS certificate; the previous one stays in use",
                    metadata: ["certificate": "\(self.identity.certificatePath)", "error": "\(error)"]
                )
            }
        }
    }
}
