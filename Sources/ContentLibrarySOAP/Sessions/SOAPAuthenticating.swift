//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation

/// The seam between the SOAP codec and the domain's authentication: the server implements it
/// with `AuthService`, so a SOAP login checks the same users and passwords as the vAPI login and
/// its token lives (and expires) in the metadata store like any API session.
package protocol SOAPAuthenticating: Sendable {
    /// Logs `user` in and returns a new session token.
    /// - Throws: `SOAPLoginRefused` for a wrong user or password (or a throttled login); any
    ///   other error is the server's.
    func logIn(user: String, password: String, address: String?) async throws -> String
    /// The user of a live token and when its session was created; `nil` when the token is unknown or expired.
    func liveSession(token: String) async throws -> (user: String, created: Date)?
    /// Ends a token's session (an unknown token is not an error).
    func endSession(token: String) async throws
}
