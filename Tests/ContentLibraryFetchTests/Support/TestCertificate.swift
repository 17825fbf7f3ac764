//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A fresh self-signed certificate for `localhost` with its key, made in memory
/// so every run tests against a certificate no trust store knows.
struct TestCertificate: Sendable {
    /// The certificate in PEM.
    let pem: String
    /// The private key in PEM.
    let keyPEM: String
    /// The DER bytes of the certificate.
    let der: [UInt8]

    init() throws {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(3600),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames([.dnsName("localhost")])
            },
            issuerPrivateKey: .init(key)
        )
        self.pem = try certificate.serializeAsPEM().pemString
        self.keyPEM = key.pemRepresentation
        self.der = try NIOSSLCertificate(bytes: Array(self.pem.utf8), format: .pem).toDERBytes()
    }

    /// The colon-separated upper-case hex SHA-256 thumbprint.
    var sha256Thumbprint: String { Self.colonHex(Array(SHA256.hash(data: self.der))) }
    /// The colon-separated upper-case hex SHA-1 thumbprint.
    var sha1Thumbprint: String { Self.colonHex(Array(Insecure.SHA1.hash(data: self.der))) }

    /// A TLS server configuration presenting this certificate.
    func serverConfiguration() throws -> TLSConfiguration {
        TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(self.pem.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(self.keyPEM.utf8), format: .pem))
        )
    }

    static func colonHex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined(separator: ":")
    }
}
