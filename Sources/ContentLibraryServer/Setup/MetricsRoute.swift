//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryServices
import HTTPTypes
import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: this process's metrics in the Prometheus text exposition format 0.0.4.
///
/// The counters and histograms are kept as events happen; the update sessions per state are
/// counted from the metadata store at each scrape (so they are right after a restart and, with
/// a shared store, the same on every replica).
struct MetricsRoute: Sendable {
    /// The registry the server's metrics are kept in.
    let registry: PrometheusCollectorRegistry
    /// The services, for the counts taken at scrape time.
    let services: Services

    func register(on router: Router<ServerRequestContext>) {
        router.get("metrics") { _, _ in try await self.scrape() }
    }

    /// The exposition of every metric, after the gauges read at scrape time are refreshed.
    func scrape() async throws -> Response {
        let context = self.services.context
        for state in UpdateSessionState.allCases {
            context.metrics.updateSessions(state, count: try await context.metadata.sessions(state: state).count)
        }
        var buffer: [UInt8] = []
        self.registry.emit(into: &buffer)
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer))
        )
    }
}
