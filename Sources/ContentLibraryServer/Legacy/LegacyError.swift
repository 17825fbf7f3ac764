//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import HTTPTypes

/// How the legacy `/rest` dialect shows a vAPI error:
/// `{"type": "com.vmware.vapi.std.errors.not_found", "value": {"messages": […], "error_type": "NOT_FOUND"}}`.
struct LegacyError: Encodable {
    /// The qualified error class, `com.vmware.vapi.std.errors.<snake_case>`.
    var type: String
    /// The standard error structure.
    var value: Value

    /// The fields of every standard error.
    struct Value: Encodable {
        var messages: [LocalizableMessage]
        var errorType: String

        enum CodingKeys: String, CodingKey {
            case messages
            case errorType = "error_type"
        }
    }

    init(_ error: APIError) {
        self.type = "com.vmware.vapi.std.errors." + error.kind.className
        self.value = Value(messages: error.messages, errorType: error.kind.errorType)
    }

    /// The status code `/rest` uses: 404, 401, 403 or 503 for those classes, 400 for every other
    /// (contract §2.5 and §4; `ResourceBusy` too, unlike `/api`).
    static func status(for kind: APIError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .notFound, .operationNotFound: .notFound
        case .unauthenticated: .unauthorized
        case .unauthorized: .forbidden
        case .serviceUnavailable: .serviceUnavailable
        default: .badRequest
        }
    }
}
