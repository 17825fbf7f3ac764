//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Crypto
import X509
import _CryptoExtras

/// Verifies a manifest signature as `openssl dgst -<alg> -sign` makes it: RSA PKCS#1 v1.5 over
/// the digest of the manifest's raw bytes (CERT-004).
enum ManifestSignature {
    /// Whether `signature` verifies; `nil` when `key` is not an RSA key, the only kind OVF signs with.
    static func verify(
        _ signature: [UInt8],
        over bytes: [UInt8],
        algorithm: ChecksumAlgorithm,
        key: Certificate.PublicKey
    ) -> Bool? {
        guard let rsa = _RSA.Signing.PublicKey(key) else { return nil }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: signature)
        // PKCS#1 v1.5 is what OVF tools sign with; "insecure" is swift-crypto's name for it, not a choice.
        let padding = _RSA.Signing.Padding.insecurePKCS1v1_5
        switch algorithm {
        case .sha1: return rsa.isValidSignature(signature, for: Insecure.SHA1.hash(data: bytes), padding: padding)
        case .sha256: return rsa.isValidSignature(signature, for: SHA256.hash(data: bytes), padding: padding)
        case .sha512: return rsa.isValidSignature(signature, for: SHA512.hash(data: bytes), padding: padding)
        case .md5: return false
        }
    }
}
