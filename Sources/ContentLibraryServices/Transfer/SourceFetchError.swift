//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Why a PULL source could not be read: thrown by a `SourceFetcher`, shown to the client as the
/// file's `error_message` (and mapped to a probe status).
package struct SourceFetchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    package enum Reason: String, Hashable, Sendable {
        /// The server answered with a status other than 2xx (`status` holds it).
        case httpStatus
        /// The server's certificate was not trusted or did not match the pin.
        case certificate
        /// The redirects went round in a loop or were too many.
        case redirects
        /// Connecting or reading took too long.
        case timedOut
        /// The host name did not resolve.
        case hostNotFound
        /// The connection could not be made or broke.
        case connection
        /// A local file is missing or unreadable.
        case file
    }

    /// The kind of failure.
    package var reason: Reason
    /// A complete sentence saying what happened, without the file name.
    package var message: String
    /// The HTTP status, for `httpStatus`.
    package var status: Int?
    /// SHA-1 thumbprint (colon hex, upper case) of the certificate the server presented, for `certificate`.
    package var thumbprint: String?

    /// Creates an error.
    package init(_ reason: Reason, _ message: String, status: Int? = nil, thumbprint: String? = nil) {
        self.reason = reason
        self.message = message
        self.status = status
        self.thumbprint = thumbprint
    }

    package var description: String { self.message }
}
