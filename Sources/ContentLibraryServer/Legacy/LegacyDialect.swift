//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import HTTPTypes
import Hummingbird

/// The legacy `/rest` dialect (govc, govmomi, older scripts): every success is HTTP 200, a
/// result is wrapped as `{"value": …}`, a void operation has an empty body, and an error is
/// `{"type": "com.vmware.vapi.std.errors.<name>", "value": {…}}`.
enum LegacyDialect: WireDialect {
    static func value(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        WireContext.json(Envelope(value: value), status: .ok)
    }

    static func void() -> Response {
        Response(status: .ok)
    }

    static func error(_ error: APIError) -> Response {
        WireContext.json(LegacyError(error), status: LegacyError.status(for: error.kind))
    }

    /// The success envelope.
    private struct Envelope<Value: Encodable>: Encodable {
        var value: Value
    }
}
