//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// The capability in an upload or download URL: 128 random bits, hex-encoded.
///
/// Knowing the URL is the authorisation, as VMware's own sample uploads with no session header;
/// so the token is unguessable and bound to one file of one session, and dies with the session.
enum CapabilityToken {
    /// What a capability URL is for: its first path segment after `/cls/`.
    enum Route: String {
        /// `PUT`/`POST`/`HEAD` of an update session's file.
        case upload = "data"
        /// `GET`/`HEAD` of a download session's file.
        case download = "download"
    }

    /// A fresh token from the system's secure random source.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether a string has the shape of a token (32 lower-case hex digits).
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The URL: `<base>/cls/<route>/<token>/<percent-encoded name>`.
    static func url(_ route: Route, base: String, token: String, name: String) -> String {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#;"))) ?? name
        return base + "/cls/" + route.rawValue + "/" + token + "/" + encoded
    }
}
