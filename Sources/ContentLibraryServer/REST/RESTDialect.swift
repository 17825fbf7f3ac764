//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import HTTPTypes
import Hummingbird

/// The REST `/api` dialect: bare JSON results, 204 for void operations, and errors as
/// `{"error_type", "messages"}` with the 8.0.2 specification's status codes.
enum RESTDialect: WireDialect {
    static func value(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        WireContext.json(value, status: status)
    }

    static func void() -> Response {
        Response(status: .noContent)
    }

    static func error(_ error: APIError) -> Response {
        WireContext.json(RESTError(errorType: error.kind.errorType, messages: error.messages), status: RESTError.status(for: error.kind))
    }
}
