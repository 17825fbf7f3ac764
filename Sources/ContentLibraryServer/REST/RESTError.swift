//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import HTTPTypes

/// How the REST `/api` dialect shows a vAPI error: `{"error_type", "messages"}` with the status
/// code of the 8.0.2 specification.
struct RESTError: Encodable {
    var errorType: String
    var messages: [LocalizableMessage]

    enum CodingKeys: String, CodingKey {
        case errorType = "error_type"
        case messages
    }

    /// The status code `/api` uses for an error kind (the 8.0.2 spec's; contract §2.5).
    static func status(for kind: APIError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .notFound, .operationNotFound: .notFound
        case .unauthenticated: .unauthorized
        case .unauthorized: .forbidden
        case .concurrentChange: .conflict
        case .serviceUnavailable: .serviceUnavailable
        case .timedOut: .gatewayTimeout
        case .error, .internalServerError, .resourceBusy, .resourceInaccessible: .internalServerError
        default: .badRequest
        }
    }
}
