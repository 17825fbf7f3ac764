//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// What an adapter learned for the session's `preview_info`: the signing certificate.
public struct PreviewData: Hashable, Codable, Sendable {
    /// The signer's certificate, when the package is signed.
    public var certificateInfo: CertificateInfo?
    /// The signer's certificate and its chain, each as base64 DER, when signed.
    public var certChain: [String]?

    /// Creates preview data.
    public init(certificateInfo: CertificateInfo? = nil, certChain: [String]? = nil) {
        self.certificateInfo = certificateInfo
        self.certChain = certChain
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case certificateInfo = "certificate_info"
        case certChain = "cert_chain"
    }
}

/// The signing certificate as `preview_info.certificate_info` shows it.
public struct CertificateInfo: Hashable, Codable, Sendable {
    /// The issuer's distinguished name.
    public var issuer: String
    /// The subject's distinguished name.
    public var subject: String
    /// Whether the certificate signed itself.
    public var selfSigned: Bool
    /// The certificate in PEM.
    public var x509: String

    /// Creates certificate info.
    public init(issuer: String, subject: String, selfSigned: Bool, x509: String) {
        self.issuer = issuer
        self.subject = subject
        self.selfSigned = selfSigned
        self.x509 = x509
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issuer, subject
        case selfSigned = "self_signed"
        case x509
    }
}

extension CertificateInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.certificate_info"
}
