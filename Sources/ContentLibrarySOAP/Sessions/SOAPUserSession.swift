//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation

/// A SOAP login as `SessionManager` shows it (`UserSession`): the key clients see (never the
/// cookie), the user, times, and where the login came from.
package struct SOAPUserSession: Sendable, Equatable {
    /// The public key of the session (`session.ls`, `TerminateSession`).
    package var key: String
    /// The user.
    package var userName: String
    /// When the user logged in.
    package var loginTime: Date
    /// The last call made with the session.
    package var lastActiveTime: Date
    /// The locale asked for at login.
    package var locale: String
    /// The client's address.
    package var ipAddress: String
    /// The client's `User-Agent`.
    package var userAgent: String
    /// Calls made with the session through this server.
    package var callCount: Int

    /// Creates a session record.
    package init(
        key: String, userName: String, loginTime: Date, lastActiveTime: Date, locale: String = "en_US", ipAddress: String = "",
        userAgent: String = "", callCount: Int = 0
    ) {
        self.key = key
        self.userName = userName
        self.loginTime = loginTime
        self.lastActiveTime = lastActiveTime
        self.locale = locale
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.callCount = callCount
    }

    /// The `UserSession` data object.
    package var value: SOAPValue {
        .object(
            type: "UserSession",
            fields: [
                SOAPField("key", .string(self.key)),
                SOAPField("userName", .string(self.userName)),
                SOAPField("fullName", .string(self.userName)),
                SOAPField("loginTime", .dateTime(self.loginTime)),
                SOAPField("lastActiveTime", .dateTime(self.lastActiveTime)),
                SOAPField("locale", .string(self.locale)),
                SOAPField("messageLocale", .string(self.locale)),
                SOAPField("extensionSession", .boolean(false)),
                SOAPField("ipAddress", .string(self.ipAddress)),
                SOAPField("userAgent", .string(self.userAgent)),
                SOAPField("callCount", .long(Int64(self.callCount))),
            ]
        )
    }
}
