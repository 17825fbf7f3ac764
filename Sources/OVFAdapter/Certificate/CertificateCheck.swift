//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import X509

/// `WEAK_DIGEST`, declared by the OVF adapter; spelled here so this file does not depend on it.
private let weakDigestWarning = WarningType(rawValue: "WEAK_DIGEST")

/// Checks a package's signing certificate (the CERT-* rules) and describes it for the preview.
///
/// Errors (CERT-001 to CERT-004) mean the signature cannot be trusted to say anything; the four
/// vSphere warning types (CERT-005 to CERT-008) and WEAK_DIGEST (CERT-010) describe a signature
/// that verifies but whose signer the client should look at. CERT-009 (`OVF_STRICT_VERIFICATION`)
/// is not checked here: the library has no security policy yet, and when it has, the policy
/// turns these warnings into errors above this check.
struct CertificateCheck: Sendable {
    /// What the check found and the preview data for the signer.
    struct Outcome: Sendable {
        /// The CERT-* findings, all on the certificate file.
        var findings: [Finding] = []
        /// The signer for `preview_info`, whenever the signer certificate parses.
        var preview: PreviewData?
    }

    /// PEM path of the trusted roots; `nil` means the system CA bundle.
    var trustStorePath: String?
    /// PEM files of further trusted certificate authorities.
    var trustedCAPaths: [String] = []

    /// The largest `.cert` read (64 KiB holds a signature line and a long chain); larger is CERT-003.
    static let sizeLimit = 1 << 16

    /// Checks `certificateName` of `content`.
    /// - Parameters:
    ///   - certificateName: the `.cert`.
    ///   - manifestName: the package manifest, or `nil` when there is none (CERT-001).
    ///   - content: the package's files.
    ///   - now: the time validity is checked against.
    func check(
        certificateName: String,
        manifestName: String?,
        content: any ContentView,
        now: Date
    ) async -> Outcome {
        var outcome = Outcome()
        let name = certificateName
        let manifest = manifestName.flatMap { content.file(named: $0) != nil ? $0 : nil }
        if manifest == nil {
            outcome.findings.append(
                .error(
                    "CERT-001", file: name,
                    "\(name) signs a manifest, but the package has no manifest"
                        + (manifestName.map { " (\($0) was not uploaded)" } ?? "")
                        + "; the certificate cannot protect anything without one"
                )
            )
        }
        let text: String
        do {
            text = String(decoding: try await content.readAll(name, limit: Self.sizeLimit), as: UTF8.self)
        } catch {
            outcome.findings.append(
                .error("CERT-003", file: name, "\(name) cannot be read as a certificate file: \(error)"))
            return outcome
        }
        let file = CertificateFile.parse(text, certificateName: name, manifestName: manifestName)
        outcome.findings += file.findings
        guard let signer = file.signer else { return outcome }
        let selfSigned = Self.isSelfSigned(signer.certificate)
        outcome.preview = PreviewData(
            certificateInfo: CertificateInfo(
                issuer: signer.certificate.issuer.description,
                subject: signer.certificate.subject.description,
                selfSigned: selfSigned,
                x509: signer.pem
            ),
            certChain: ([signer] + file.chain).map { Data($0.derBytes).base64EncodedString() }
        )
        if let signature = file.signature, let manifest {
            outcome.findings += await Self.verifySignature(
                signature, of: manifest, signer: signer, certificateName: name, content: content)
        }
        if let signature = file.signature, signature.algorithm == .sha1 {
            outcome.findings.append(
                .warning(
                    "CERT-010", type: weakDigestWarning, file: name, line: 1,
                    "\(name) signs the manifest with SHA1, a weak digest that no longer protects against forged "
                        + "signatures; sign with SHA256 or SHA512"
                )
            )
        }
        let subject = signer.certificate.subject.description
        if selfSigned {
            outcome.findings.append(
                .warning(
                    "CERT-005", type: .selfSignedCertificate, file: name,
                    "\(name) is signed with a self-signed certificate (\(subject)): anyone can make one, so the "
                        + "signature does not say who published the package"
                )
            )
        }
        outcome.findings += Self.validityFindings(signer: signer, chain: file.chain, certificateName: name, now: now)
        let roots = TrustStore.shared.roots(atPath: self.trustStorePath, adding: self.trustedCAPaths)
        if await !CertificateTrust.isTrusted(signer.certificate, chain: file.chain.map(\.certificate), roots: roots) {
            outcome.findings.append(
                .warning(
                    "CERT-008", type: .untrustedCertificate, file: name,
                    "\(name): the signing certificate (\(subject)) does not lead to a certificate in the server's "
                        + "trust store"
                )
            )
        }
        return outcome
    }

    /// Whether a certificate names itself as issuer and its own key verifies its signature.
    static func isSelfSigned(_ certificate: Certificate) -> Bool {
        certificate.issuer == certificate.subject
            && certificate.publicKey.isValidSignature(certificate.signature, for: certificate)
    }

    /// CERT-004: the signature line's signature over the manifest's raw bytes, RSA PKCS#1 v1.5.
    private static func verifySignature(
        _ signature: CertificateFile.SignatureLine,
        of manifest: String,
        signer: PEMCertificate.Parsed,
        certificateName name: String,
        content: any ContentView
    ) async -> [Finding] {
        let bytes: [UInt8]
        do {
            bytes = try await content.readAll(manifest, limit: ManifestCheck.sizeLimit)
        } catch {
            return [
                .error(
                    "CERT-004", file: name, line: 1,
                    "\(name): the signature cannot be checked, \(manifest) cannot be read: \(error)")
            ]
        }
        guard
            let verified = ManifestSignature.verify(
                signature.signature, over: bytes, algorithm: signature.algorithm, key: signer.certificate.publicKey)
        else {
            return [
                .error(
                    "CERT-004", file: name, line: 1,
                    "\(name): the signing certificate has a \(signer.certificate.publicKey) key, but manifest "
                        + "signatures are RSA (PKCS#1 v1.5); the signature cannot be verified"
                )
            ]
        }
        guard verified else {
            return [
                .error(
                    "CERT-004", file: name, line: 1,
                    "\(name): the \(signature.algorithm.rawValue) signature does not match \(manifest) and the signing "
                        + "certificate (\(signer.certificate.subject)); the manifest or the certificate was altered "
                        + "after signing"
                )
            ]
        }
        return []
    }

    /// CERT-006 and CERT-007: one warning per type, naming every certificate outside its validity period.
    private static func validityFindings(
        signer: PEMCertificate.Parsed,
        chain: [PEMCertificate.Parsed],
        certificateName name: String,
        now: Date
    ) -> [Finding] {
        var expired: [String] = []
        var notYetValid: [String] = []
        for (index, member) in ([signer] + chain).enumerated() {
            let certificate = member.certificate
            let role = index == 0 ? "the signing certificate" : "chain certificate \(index)"
            if now > certificate.notValidAfter {
                expired.append("\(role) (\(certificate.subject)) expired on \(Self.format(certificate.notValidAfter))")
            }
            if now < certificate.notValidBefore {
                notYetValid.append(
                    "\(role) (\(certificate.subject)) is not valid before \(Self.format(certificate.notValidBefore))"
                )
            }
        }
        var findings: [Finding] = []
        if !expired.isEmpty {
            findings.append(
                .warning(
                    "CERT-006", type: .expiredCertificate, file: name, "\(name): \(expired.joined(separator: "; "))")
            )
        }
        if !notYetValid.isEmpty {
            findings.append(
                .warning(
                    "CERT-007", type: .notYetValidCertificate, file: name,
                    "\(name): \(notYetValid.joined(separator: "; "))"
                )
            )
        }
        return findings
    }

    /// A date as ISO 8601 in UTC, for messages.
    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
