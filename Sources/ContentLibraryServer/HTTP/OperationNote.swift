//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import NIOConcurrencyHelpers

/// The vAPI operation a request turned out to be (`service.operation`), written by the dialect
/// once it has decoded the request and read by `RequestMetricsMiddleware` when the answer is
/// written: the label that keeps request metrics per operation, whatever the path's ids.
///
/// A reference shared by every copy of the request's context (the middleware holds the copy it
/// passed on, not the one the route sees).
final class OperationNote: Sendable {
    private let box = NIOLockedValueBox<String?>(nil)

    /// The operation noted, if the request reached one.
    var value: String? { self.box.withLockedValue { $0 } }

    /// Notes the operation `service.name`.
    func note(service: String, name: String) {
        self.box.withLockedValue { $0 = service + "." + name }
    }
}
