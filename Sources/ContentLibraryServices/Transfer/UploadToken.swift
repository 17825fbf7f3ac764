//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// The capability in an upload URL: 128 random bits, hex-encoded.
///
/// Knowing the URL is the authorisation, as VMware's own sample uploads with no session header;
/// so the token is unguessable and bound to one session file.
enum UploadToken {
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

    /// The upload URL: `<base>/cls/data/<token>/<percent-encoded name>`.
    static func url(base: String, token: String, name: String) -> String {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#;"))) ?? name
        return base + "/cls/data/" + token + "/" + encoded
    }
}
