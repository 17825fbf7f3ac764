//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// How the signing certificate of an item was verified
/// (`com.vmware.content.library.item.certificate_verification_info`): reported for OVF items of
/// libraries with a security policy, as of their last `complete`.
public struct CertificateVerificationInfo: Hashable, Codable, Sendable {
    /// The verdict.
    public var status: Status
    /// The signer's certificate and its chain, base64 DER, signer first; unset for an unsigned item.
    public var certChain: [String]?

    /// The verification verdicts of the vSphere API.
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        /// Not verified: the item is not signed, or not checked since the policy was applied.
        case notAvailable = "NOT_AVAILABLE"
        /// Signed by a certificate that chains to a trusted root, and the signature verifies.
        case verified = "VERIFIED"
        /// Content of the server itself.
        case `internal` = "INTERNAL"
        /// The signature or the certificate failed verification.
        case verificationFailure = "VERIFICATION_FAILURE"
        /// Verification is running.
        case verificationInProgress = "VERIFICATION_IN_PROGRESS"
        /// The certificate does not chain to a trusted root.
        case untrusted = "UNTRUSTED"
    }

    /// Creates verification info.
    public init(status: Status, certChain: [String]? = nil) {
        self.status = status
        self.certChain = certChain
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status
        case certChain = "cert_chain"
    }
}

extension CertificateVerificationInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.certificate_verification_info"
}
