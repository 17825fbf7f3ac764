//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// Everything that can stop an import, in the terms a user acts on.
///
/// The cases split along the command's exit statuses: `unreachable`, `authentication` and
/// `usage` are problems of the invocation or the connection (exit 2); the others mean the
/// server or the package refused the import (exit 1).
public enum ClientError: Error, Hashable, Sendable {
    /// The server could not be reached or the connection failed for good.
    case unreachable(url: String, reason: String)
    /// The server refused the user name or password.
    case authentication(String)
    /// The command line or the local files cannot make an import (bad path, unreadable file, no library).
    case usage(String)
    /// The server answered a call with a vAPI error.
    case api(operation: String, status: Int, error: APIError)
    /// The server answered something this client does not understand.
    case unexpectedResponse(operation: String, status: Int, detail: String)
    /// The import failed: validation, a transfer, a checksum, or the session ended in ERROR.
    case importFailed(String)
    /// The export failed: a file the server could not prepare, bytes that do not match the
    /// server's checksum, or a download that kept breaking.
    case exportFailed(String)

    /// Whether the failure is about the invocation or the connection (exit 2) rather than the import (exit 1).
    public var isUsageOrConnection: Bool {
        switch self {
        case .unreachable, .authentication, .usage: true
        case .api, .unexpectedResponse, .importFailed, .exportFailed: false
        }
    }
}

extension ClientError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            "cannot reach the server at \(url): \(reason)"
        case .authentication(let text):
            text
        case .usage(let text):
            text
        case .api(let operation, let status, let error):
            "\(operation) failed (HTTP \(status), \(error.kind.rawValue)): "
                + (error.messages.isEmpty ? "no message" : error.messages.map(\.defaultMessage).joined(separator: " "))
        case .unexpectedResponse(let operation, let status, let detail):
            "\(operation): unexpected answer from the server (HTTP \(status)): \(detail)"
        case .importFailed(let text), .exportFailed(let text):
            text
        }
    }
}
