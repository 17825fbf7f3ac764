//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI
package import CoreMetrics

/// Where the services report what happens, through swift-metrics: an observation seam, never a rule.
///
/// Every metric is made from `factory`, not from the process-global `MetricsSystem`, so each server
/// in a process (tests start several) counts into its own registry. The default factory drops
/// everything. The names are the README's "Metrics" section.
package struct ServiceMetrics: Sendable {
    /// The backend the metrics are made with (Prometheus in the server).
    package let factory: any MetricsFactory

    /// Metrics made with `factory`.
    package init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Metrics that record nothing: the default of services built without a server.
    package static let disabled = ServiceMetrics(factory: NOOPMetricsHandler.instance)

    /// How bytes arrive in a session file: `push` (its upload URL) or `pull` (the server fetches them).
    package enum Transfer: String, Sendable {
        /// An upload to the file's upload URL.
        case push
        /// A fetch by the server from the file's source.
        case pull
    }

    /// One more transfer of `kind` runs: `content_library_transfers_in_flight{kind}`.
    package func transferStarted(_ kind: Transfer) {
        self.inFlight(kind).increment()
    }

    /// A transfer of `kind` ended, however it ended.
    package func transferEnded(_ kind: Transfer) {
        self.inFlight(kind).decrement()
    }

    /// `bytes` arrived into a session file: `content_library_received_bytes_total{kind}`.
    package func received(_ bytes: Int64, _ kind: Transfer) {
        guard bytes > 0 else { return }
        Counter(label: "content_library_received_bytes_total", dimensions: [("kind", kind.rawValue)], factory: self.factory)
            .increment(by: bytes)
    }

    /// `bytes` of item content were sent to a download client: `content_library_served_bytes_total`.
    package func served(_ bytes: Int) {
        Counter(label: "content_library_served_bytes_total", factory: self.factory).increment(by: bytes)
    }

    /// An adapter validated content of `itemType` in `nanoseconds`:
    /// `content_library_validation_duration_seconds{type}`.
    package func validated(itemType: String, nanoseconds: Int64) {
        CoreMetrics.Timer(label: "content_library_validation_duration_seconds", dimensions: [("type", itemType)], factory: self.factory)
            .recordNanoseconds(nanoseconds)
    }

    /// One reaper sweep: `content_library_reaper_runs_total{outcome}` and what it removed,
    /// `content_library_reaper_removed_total{what}`.
    package func reaperRan(failed: Bool, removed: [(what: String, count: Int)] = []) {
        Counter(label: "content_library_reaper_runs_total", dimensions: [("outcome", failed ? "failed" : "ok")], factory: self.factory)
            .increment()
        for (what, count) in removed where count > 0 {
            Counter(label: "content_library_reaper_removed_total", dimensions: [("what", what)], factory: self.factory)
                .increment(by: count)
        }
    }

    /// The number of update sessions in `state` now: `content_library_update_sessions{state}`.
    package func updateSessions(_ state: UpdateSessionState, count: Int) {
        Meter(label: "content_library_update_sessions", dimensions: [("state", state.rawValue)], factory: self.factory).set(count)
    }

    /// The handles a metadata store with a pool of `maximumConnections` reports its calls with.
    package func database(maximumConnections: Int) -> DatabaseMetrics {
        DatabaseMetrics(factory: self.factory, maximumConnections: maximumConnections)
    }

    private func inFlight(_ kind: Transfer) -> Meter {
        Meter(label: "content_library_transfers_in_flight", dimensions: [("kind", kind.rawValue)], factory: self.factory)
    }
}
