//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryOperations

/// A JSON-RPC transport fault: the request could not be dispatched, so the reply is a
/// JSON-RPC `error` object (the SDK raises `JsonRpc20Error`), not a vAPI error.
package struct JSONRPCFault: Error, Hashable, Sendable {
    /// The JSON-RPC 2.0 error code.
    package var code: Int
    /// What was wrong, for a human.
    package var message: String

    /// A fault with a JSON-RPC 2.0 error code and its text.
    package init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// The body is not JSON (-32700).
    package static func parseError(_ detail: String) -> JSONRPCFault {
        JSONRPCFault(code: -32700, message: "Parse error: \(detail)")
    }

    /// The body is JSON but not a JSON-RPC 2.0 `invoke` request (-32600).
    package static func invalidRequest(_ detail: String) -> JSONRPCFault {
        JSONRPCFault(code: -32600, message: "Invalid request: \(detail)")
    }

    /// No such service or operation (-32601).
    package static func methodNotFound(_ detail: String) -> JSONRPCFault {
        JSONRPCFault(code: -32601, message: "Method not found: \(detail)")
    }

    /// The `params` or the operation input do not fit the operation (-32602).
    package static func invalidParams(_ detail: String) -> JSONRPCFault {
        JSONRPCFault(code: -32602, message: "Invalid params: \(detail)")
    }

    /// The `error` member of the reply.
    package var json: JSONValue {
        .object(["code": .integer(Int64(self.code)), "message": .string(self.message)])
    }
}
