//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import HTTPTypes
import Hummingbird

/// How one HTTP dialect of the vAPI shows an operation's outcome: a result, the end of a void
/// operation, or a vAPI error. The routes of each dialect decode their own requests and call the
/// same services; only this shape differs.
protocol WireDialect: Sendable {
    /// The response for an operation's result, with the status the dialect uses for it.
    static func value(_ value: some Encodable, status: HTTPResponse.Status) -> Response
    /// The response for a void operation that succeeded.
    static func void() -> Response
    /// The response for a vAPI error.
    static func error(_ error: APIError) -> Response
}
