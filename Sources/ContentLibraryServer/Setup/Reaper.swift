//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import Logging
import ServiceLifecycle

/// Expires idle update and download sessions, deletes old finished ones and idle API session
/// tokens, and takes over the pulls of replicas that died, every few seconds.
///
/// Every replica runs one. The store decides each step once: a session expires through a
/// conditional update only one replica wins, and a pull is taken over under a lease only one
/// replica gets.
///
/// The pause between sweeps ends at graceful shutdown, so stopping the server does not wait
/// for the next sweep.
struct Reaper: Service {
    let sessions: UpdateSessionService
    let sessionFiles: SessionFileService
    let downloads: DownloadSessionService
    let auth: AuthService
    let interval: Double
    /// Counts each sweep and what it removed.
    let metrics: ServiceMetrics
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let (expired, deleted) = try await self.sessions.reap()
                let downloads = try await self.downloads.reap()
                let tokens = try await self.auth.reap()
                try await self.sessionFiles.restartInterruptedPulls()
                self.metrics.reaperRan(
                    failed: false,
                    removed: [
                        ("update_session_expired", expired), ("update_session_deleted", deleted),
                        ("download_session_expired", downloads.expired), ("download_session_deleted", downloads.deleted),
                        ("api_session_token", tokens),
                    ]
                )
                if expired + deleted + downloads.expired + downloads.deleted + tokens > 0 {
                    self.logger.info(
                        "reaper",
                        metadata: [
                            "expired": "\(expired)", "deleted": "\(deleted)", "downloads_expired": "\(downloads.expired)",
                            "downloads_deleted": "\(downloads.deleted)", "tokens": "\(tokens)",
                        ]
                    )
                }
            } catch {
                self.metrics.reaperRan(failed: true)
                self.logger.error("reaper failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(self.interval)) }
        }
    }
}
