//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A certificate thumbprint as `TransferEndpoint.ssl_certificate_thumbprint` carries it: the
/// SHA-1 (20 bytes, as govc sends) or SHA-256 (32 bytes) digest of the DER certificate, written
/// as colon-separated hex.
///
/// The server reads it to pin a PULL source and the import client writes it from what a user
/// pastes, so both ends share one reading of the form.
public struct CertificateThumbprint: Hashable, Sendable {
    /// The digest bytes: 20 for SHA-1, 32 for SHA-256.
    public let bytes: [UInt8]

    /// A thumbprint of digest bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads hex with or without colons (any case, surrounding spaces ignored); `nil` when it
    /// is not 20 or 32 bytes of hex.
    public init?(hex text: String) {
        let digits = Array(text.utf8.filter { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") })
        guard digits.count == 40 || digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// Whether it is a SHA-1 thumbprint (else SHA-256).
    public var isSHA1: Bool { self.bytes.count == 20 }

    /// Colon-separated upper-case hex (`AB:01:…`), the form the API documents and govc shows.
    public var colonHex: String {
        self.bytes.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
