//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@_spi(DisableValidityCheck) import X509

/// Whether a signer chains to a trusted root (CERT-008), independent of the time.
///
/// The chain is built and checked by swift-certificates' Verifier under the RFC 5280 policy
/// (signatures, basic constraints, name constraints, versions) with its validity check turned
/// off: expiry and not-yet-valid are CERT-006 and CERT-007, judged against the caller's `now`,
/// and must not also make a well-rooted chain look untrusted.
///
/// A signer that is itself in the trust store is trusted as it is: that is how an administrator
/// trusts one publisher's self-signed (non-CA) certificate, which RFC 5280 path building rejects.
enum CertificateTrust {
    /// Whether `signer`, helped by the `chain` certificates from the `.cert`, leads to one of `roots`.
    static func isTrusted(_ signer: Certificate, chain: [Certificate], roots: TrustStore.Roots) async -> Bool {
        if roots.certificates.contains(signer) { return true }
        var verifier = Verifier(rootCertificates: roots.store) { RFC5280Policy.withValidityCheckDisabled() }
        switch await verifier.validate(leaf: signer, intermediates: CertificateStore(chain)) {
        case .validCertificate: return true
        case .couldNotValidate: return false
        }
    }
}
