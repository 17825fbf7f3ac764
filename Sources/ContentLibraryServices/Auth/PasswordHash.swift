//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Crypto
import CryptoExtras
import Foundation

/// Hashes and checks passwords with PBKDF2-SHA256, so a leaked user file reveals no password.
package enum PasswordHash {
    /// The PBKDF2 rounds (the library's minimum, OWASP's advice for SHA-256).
    static let rounds = 210_000

    /// The hash of a new password, with a fresh salt.
    package static func make(_ password: String) throws -> String {
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255) }
        return "pbkdf2-sha256$\(rounds)$\(hex(salt))$\(hex(try derive(password, salt: salt, rounds: rounds)))"
    }

    /// Whether `password` matches `hash`, compared in constant time.
    package static func verify(_ password: String, against hash: String) -> Bool {
        let parts = hash.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= Self.rounds,
            let salt = bytes(parts[2]), let expected = bytes(parts[3]),
            let actual = try? derive(password, salt: salt, rounds: rounds), actual.count == expected.count
        else { return false }
        return zip(actual, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds
        )
        return key.withUnsafeBytes { Array($0) }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
