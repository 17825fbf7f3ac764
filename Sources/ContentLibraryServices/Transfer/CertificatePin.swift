//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
import Crypto
import Foundation
import SwiftASN1

/// The certificate a PULL source must present, from `ssl_certificate_thumbprint` or `ssl_certificate`.
///
/// The API says the remote certificate "is only accepted if it matches, and no other certificate
/// validation is performed": a pin replaces chain, expiry and host-name checks by one comparison
/// of the DER leaf. The thumbprint's length chooses the digest (20 bytes SHA-1, as govc sends,
/// 32 bytes SHA-256); a PEM certificate is compared byte for byte. It is parsed at `add` time so
/// a malformed pin is the client's `InvalidArgument`, never a failed transfer.
package enum CertificatePin: Hashable, Sendable {
    /// The SHA-1 digest of the DER leaf.
    case sha1([UInt8])
    /// The SHA-256 digest of the DER leaf.
    case sha256([UInt8])
    /// The DER leaf itself.
    case certificate([UInt8])

    /// The pin of an endpoint: `ssl_certificate` wins over the thumbprint, as the API says;
    /// `nil` when neither is set.
    /// - Throws: `InvalidArgument` when the thumbprint or the PEM cannot be read.
    package init?(_ endpoint: TransferEndpoint) throws(APIError) {
        if let pem = endpoint.sslCertificate, !pem.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            guard let der = Self.der(fromPEM: pem) else {
                throw ServiceError.invalidArgument(
                    "file.source_endpoint.ssl_certificate",
                    "The ssl_certificate of the source endpoint is not a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)."
                )
            }
            self = .certificate(der)
        } else if let thumbprint = endpoint.sslCertificateThumbprint, !thumbprint.isEmpty {
            guard let parsed = CertificateThumbprint(hex: thumbprint) else {
                throw ServiceError.invalidArgument(
                    "file.source_endpoint.ssl_certificate_thumbprint",
                    "The ssl_certificate_thumbprint '\(thumbprint)' is neither a SHA-1 (20 bytes) nor a SHA-256 (32 bytes) thumbprint in colon-separated hex.",
                    args: [thumbprint]
                )
            }
            let bytes = parsed.bytes
            self = bytes.count == 20 ? .sha1(bytes) : .sha256(bytes)
        } else {
            return nil
        }
    }

    /// Whether a DER-encoded leaf certificate is the pinned one.
    package func matches(leaf der: [UInt8]) -> Bool {
        switch self {
        case .sha1(let digest): Array(Insecure.SHA1.hash(data: der)) == digest
        case .sha256(let digest): Array(SHA256.hash(data: der)) == digest
        case .certificate(let pinned): pinned == der
        }
    }

    /// A short account of the pin for messages: the algorithm and the expected thumbprint.
    package var description: String {
        switch self {
        case .sha1(let digest): "SHA-1 thumbprint " + Self.colonHex(digest)
        case .sha256(let digest): "SHA-256 thumbprint " + Self.colonHex(digest)
        case .certificate(let der): "certificate with SHA-256 thumbprint " + Self.colonHex(Array(SHA256.hash(data: der)))
        }
    }

    /// The thumbprint of a DER certificate in the same algorithm as this pin, for messages.
    package func thumbprint(of der: [UInt8]) -> String {
        switch self {
        case .sha1: Self.sha1Thumbprint(der)
        case .sha256, .certificate: Self.colonHex(Array(SHA256.hash(data: der)))
        }
    }

    /// The SHA-1 thumbprint of a DER certificate as govc shows and sends it: colon-separated upper-case hex.
    package static func sha1Thumbprint(_ der: [UInt8]) -> String {
        self.colonHex(Array(Insecure.SHA1.hash(data: der)))
    }

    /// Bytes as colon-separated upper-case hex (`AB:01:…`).
    package static func colonHex(_ bytes: [UInt8]) -> String {
        CertificateThumbprint(bytes: bytes).colonHex
    }

    /// The DER bytes of a PEM certificate.
    static func der(fromPEM pem: String) -> [UInt8]? {
        guard let document = try? PEMDocument(pemString: pem.trimmingCharacters(in: .whitespacesAndNewlines)),
            document.discriminator == "CERTIFICATE", !document.derBytes.isEmpty
        else { return nil }
        return document.derBytes
    }
}
