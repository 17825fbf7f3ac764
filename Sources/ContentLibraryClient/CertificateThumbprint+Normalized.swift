//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
public import ContentLibraryAPI

extension CertificateThumbprint {
    /// The colon-separated hex form the API documents, from whatever form a user pastes
    /// (`openssl x509 -fingerprint` output, plain hex, any case).
    /// - Throws: `ClientError.usage` when the text is not a SHA-256 or SHA-1 thumbprint.
    public static func normalized(_ text: String) throws(ClientError) -> String {
        var hex = Substring(text)
        if let equals = hex.lastIndex(of: "=") { hex = hex[hex.index(after: equals)...] }  // "SHA256 Fingerprint=AB:…"
        guard let thumbprint = CertificateThumbprint(hex: String(hex)) else {
            throw .usage("--thumbprint must be the SHA-256 (or SHA-1) thumbprint of the source's certificate in hex, not '\(text)'")
        }
        return thumbprint.colonHex
    }
}
