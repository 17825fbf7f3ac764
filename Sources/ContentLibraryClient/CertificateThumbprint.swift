//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The `ssl_certificate_thumbprint` of a PULL source, in the colon-separated hex form the API
/// documents, from whatever form a user pastes (`openssl x509 -fingerprint` output, plain hex,
/// any case).
public enum CertificateThumbprint {
    /// `AB:CD:…` for a SHA-256 (32 bytes) or SHA-1 (20 bytes) thumbprint.
    /// - Throws: `ClientError.usage` when the text is not one.
    public static func normalized(_ text: String) throws(ClientError) -> String {
        var hex = text.trimmingPrefix { $0 == " " }
        if let equals = hex.lastIndex(of: "=") { hex = hex[hex.index(after: equals)...] }  // "SHA256 Fingerprint=AB:…"
        let digits = hex.filter { $0 != ":" && $0 != " " }.uppercased()
        guard digits.count == 64 || digits.count == 40, digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
            throw .usage("--thumbprint must be the SHA-256 (or SHA-1) thumbprint of the source's certificate in hex, not '\(text)'")
        }
        var pairs: [String] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            pairs.append(String(digits[index..<next]))
            index = next
        }
        return pairs.joined(separator: ":")
    }
}
