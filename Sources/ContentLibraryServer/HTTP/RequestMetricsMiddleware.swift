//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import CoreMetrics
import HTTPTypes
import Hummingbird

/// Counts every request and times it, by operation and status:
/// `content_library_http_requests_total{operation,method,status}` and
/// `content_library_http_request_duration_seconds{operation}`.
///
/// The operation is the vAPI operation id a dialect noted (`OperationNote`), else the route's
/// template (`/cls/data/{token}/{name}`, never the path with its ids; Hummingbird names a path no
/// route serves `NotFound`), else `unmatched`, so the
/// label's values stay few whatever clients send. The time runs until the handler answers: for
/// an upload, until its body is stored; for a download, until its body starts to stream (the
/// bytes sent are `content_library_served_bytes_total`). JSON-RPC answers its errors with status
/// 200, as the protocol does; the status is what went over the wire.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    /// Where the metrics are made (the server's own registry).
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            // Recorded when the handler answers, the response untouched: wrapping its body in a
            // closure to record after the last byte (as Hummingbird's own metrics middleware
            // does) made the official SDK's keep-alive requests intermittently arrive as
            // "the body is not JSON" (test_sdk_jsonrpc.py), so a body is never wrapped.
            let response = try await next(request, context)
            self.record(request, context, status: response.status.code, since: started)
            return response
        } catch {
            self.record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: started)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, since started: ContinuousClock.Instant) {
        let operation = context.operation.value ?? context.endpointPath ?? "unmatched"
        Counter(
            label: "content_library_http_requests_total",
            dimensions: [("operation", operation), ("method", Self.method(request.method)), ("status", String(status))], factory: self.factory
        ).increment()
        let elapsed = (ContinuousClock.now - started).components
        CoreMetrics.Timer(label: "content_library_http_request_duration_seconds", dimensions: [("operation", operation)], factory: self.factory)
            .recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }

    /// The method as a label: the standard ones by name, any other as `OTHER` (a client may send any token).
    static func method(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "OTHER"
        }
    }
}
