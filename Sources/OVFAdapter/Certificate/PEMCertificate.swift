//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import SwiftASN1
import X509

/// One `-----BEGIN CERTIFICATE-----` block of a PEM text, parsed or with the reason it was not.
///
/// Used for a package's `.cert` and for the trust store bundle; the DER bytes are kept as they
/// were written, so `cert_chain` reports exactly what the publisher sent.
struct PEMCertificate: Sendable {
    /// The 1-based line of the block's BEGIN marker.
    var line: Int
    /// The certificate, or why the block does not hold one.
    var result: Result<Parsed, Problem>

    /// A certificate that parsed, with its original DER encoding.
    struct Parsed: Sendable {
        /// The parsed certificate.
        var certificate: Certificate
        /// The DER bytes from the PEM block.
        var derBytes: [UInt8]

        /// The certificate as PEM, re-wrapped from the original DER bytes.
        var pem: String { PEMDocument(type: "CERTIFICATE", derBytes: self.derBytes).pemString + "\n" }
    }

    /// Why a block is not a certificate.
    struct Problem: Error, Sendable {
        /// A readable reason.
        var reason: String
    }

    /// The parsed certificate, if any.
    var parsed: Parsed? { try? self.result.get() }

    /// The line that opens a certificate block.
    private static let begin = "-----BEGIN CERTIFICATE-----"
    /// The line that closes a certificate block.
    private static let end = "-----END CERTIFICATE-----"

    /// Every certificate block of `text`, in order; lines outside blocks are skipped.
    static func blocks(in text: String) -> [PEMCertificate] {
        var blocks: [PEMCertificate] = []
        var current: (line: Int, lines: [Substring])?
        for (index, rawLine) in ManifestLine.lines(of: text).enumerated() {
            let line = rawLine.trimmingBlanks
            if var open = current {
                open.lines.append(line)
                if line == Self.end {
                    blocks.append(
                        PEMCertificate(line: open.line, result: Self.parse(open.lines.joined(separator: "\n"))))
                    current = nil
                } else {
                    current = open
                }
            } else if line == Self.begin {
                current = (index + 1, [line])
            }
        }
        if let open = current {
            blocks.append(
                PEMCertificate(line: open.line, result: .failure(Problem(reason: "the block has no \(Self.end) line")))
            )
        }
        return blocks
    }

    /// Decodes one block's base64 DER and parses the certificate.
    private static func parse(_ pem: String) -> Result<Parsed, Problem> {
        do {
            let document = try PEMDocument(pemString: pem)
            return .success(
                Parsed(certificate: try Certificate(derEncoded: document.derBytes), derBytes: document.derBytes))
        } catch {
            return .failure(Problem(reason: "it is not a valid X.509 certificate (\(error))"))
        }
    }
}

extension Substring {
    /// The text without leading and trailing spaces, tabs and CR.
    fileprivate var trimmingBlanks: Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = self.firstIndex(where: { !isBlank($0) }) else { return self[self.endIndex...] }
        return self[first...self.lastIndex(where: { !isBlank($0) })!]
    }
}
