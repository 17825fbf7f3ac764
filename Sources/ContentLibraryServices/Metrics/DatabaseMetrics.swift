//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import CoreMetrics
import Dispatch

/// What a metadata store with a connection pool reports about its use of the database: the
/// calls running or waiting for a connection, against the pool's limit, and how long they take.
///
/// The handles are made once, when the store opens, because a store runs several statements per
/// request (a lookup in the registry per statement would cost as much as the statement's
/// bookkeeping). The names are the README's "Metrics" section:
///
/// - `content_library_database_pool_connections_max`: the pool's connection limit.
/// - `content_library_database_calls_in_flight`: statements and transactions started and not
///   ended, whether they hold a pooled connection or wait for one. Above the limit, calls wait.
/// - `content_library_database_call_duration_seconds{kind}`: the time of a `statement` or a
///   `transaction`, from the call (waiting for a connection included) to its last row or commit.
package struct DatabaseMetrics: Sendable {
    /// What a call to the database is.
    package enum Call: String, Sendable {
        /// One statement on a pooled connection.
        case statement
        /// A transaction: several statements on one pooled connection, then commit or rollback.
        case transaction
    }

    private let inFlight: Meter
    private let statementDuration: CoreMetrics.Timer
    private let transactionDuration: CoreMetrics.Timer

    /// The metrics of a pool of at most `maximumConnections`, made with `factory`.
    package init(factory: any MetricsFactory, maximumConnections: Int) {
        Meter(label: "content_library_database_pool_connections_max", factory: factory).set(maximumConnections)
        self.inFlight = Meter(label: "content_library_database_calls_in_flight", factory: factory)
        self.statementDuration = CoreMetrics.Timer(
            label: "content_library_database_call_duration_seconds", dimensions: [("kind", Call.statement.rawValue)], factory: factory
        )
        self.transactionDuration = CoreMetrics.Timer(
            label: "content_library_database_call_duration_seconds", dimensions: [("kind", Call.transaction.rawValue)], factory: factory
        )
    }

    /// Metrics that record nothing: a store opened by a tool or a test.
    package static let disabled = DatabaseMetrics(factory: NOOPMetricsHandler.instance, maximumConnections: 0)

    /// Runs `body`, one call of `kind`, counted in flight while it runs and timed.
    package func measure<Result>(_ kind: Call, _ body: () async throws -> Result) async rethrows -> Result {
        self.inFlight.increment()
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            self.inFlight.decrement()
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            (kind == .statement ? self.statementDuration : self.transactionDuration).recordNanoseconds(Int64(elapsed))
        }
        return try await body()
    }
}
