//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices

/// One authenticated call of an operation: who calls, with which input, over which request.
package struct OperationCall: Sendable {
    /// The authenticated user.
    package let caller: Caller
    /// The input fields.
    package let input: OperationInput
    /// What the dialect learned from the request beyond the input.
    package let request: RequestFacts
    /// The names the operation declares: reading another is a mistake in the table.
    let declared: Set<String>

    /// A required parameter's value.
    package subscript<Value>(_ parameter: Parameter<Value>) -> Value {
        get throws {
            try self.checkDeclared(parameter.name)
            guard let value = try self.input.value(parameter) else { throw OperationInputError.missing(parameter.name) }
            return value
        }
    }

    /// An optional parameter's value; `nil` when absent.
    package subscript<Value>(optional parameter: Parameter<Value>) -> Value? {
        get throws {
            try self.checkDeclared(parameter.name)
            return try self.input.value(parameter)
        }
    }

    private func checkDeclared(_ name: String) throws {
        guard self.declared.contains(name) else {
            assertionFailure("the operation reads the undeclared parameter \(name)")
            throw OperationInputError.invalid(name, "the operation does not declare this parameter")
        }
    }
}

/// What a dialect learned from an HTTP request besides the input fields.
package struct RequestFacts: Sendable {
    /// The API session token (header, cookie, or JSON-RPC security context).
    package var sessionToken: String?
    /// The user and password of a login, or why there are none.
    package var credentials: Credentials
    /// The base of the upload and download URLs handed out in this answer, e.g. `http://host:port`.
    package var uploadBase: String
    /// The client's IP address, when the transport knows it; failed logins are throttled by it.
    package var clientAddress: String?

    /// Creates request facts.
    package init(sessionToken: String?, credentials: Credentials, uploadBase: String, clientAddress: String? = nil) {
        self.sessionToken = sessionToken
        self.credentials = credentials
        self.uploadBase = uploadBase
        self.clientAddress = clientAddress
    }
}

/// The user and password a login presents, as each dialect carries them (HTTP Basic, or the
/// JSON-RPC `user_pass` security context).
package enum Credentials: Sendable {
    /// A user name and password.
    case given(user: String, password: String)
    /// None were sent: the text tells the client how this dialect sends them.
    case missing(hint: String)
}

/// What an operation answers.
package enum OperationResult: Sendable {
    /// Nothing (a void operation).
    case void
    /// A model or a list of them, encoded by the dialect.
    case value(any Encodable & Sendable)
    /// A secret string: the session token of a login (`SECRET` in JSON-RPC).
    case secret(String)
}
