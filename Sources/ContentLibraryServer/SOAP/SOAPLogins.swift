//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryModel
import ContentLibrarySOAP
import ContentLibraryServices
import Foundation

/// SOAP logins are logins of the vAPI's `AuthService`: the same users, passwords, throttling and
/// API-session expiry; the token it issues is what the `vmware_soap_session` cookie carries.
struct SOAPLogins: SOAPAuthenticating {
    let auth: AuthService

    func logIn(user: String, password: String, address: String?) async throws -> String {
        do {
            return try await self.auth.login(user: user, password: password, from: address)
        } catch let error as APIError where error.kind == .unauthenticated {
            throw SOAPLoginRefused()
        }
    }

    func liveSession(token: String) async throws -> (user: String, created: Date)? {
        do {
            let info = try await self.auth.info(token: token)
            return (info.user, info.createdTime)
        } catch let error as APIError where error.kind == .unauthenticated {
            return nil
        }
    }

    func endSession(token: String) async throws {
        do {
            try await self.auth.logout(token: token)
        } catch let error as APIError where error.kind == .unauthenticated {
            return
        }
    }
}
