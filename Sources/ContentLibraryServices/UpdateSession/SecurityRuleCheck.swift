//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryModel

/// What a library's security rule makes of the adapter's verdict on a session's content.
///
/// `OVF_STRICT_VERIFICATION` turns what is otherwise a warning a client may ignore into an error
/// (rule CERT-009) that refuses the package at `File.validate` and `complete`: an unsigned package,
/// and every certificate warning (self-signed, expired, not yet valid, untrusted). A signature that
/// does not verify is an error (CERT-004) with or without a policy.
struct SecurityRuleCheck: Sendable {
    /// The library's policy.
    let policy: SecurityPolicyInfo
    /// Its rule for the item's type.
    let rule: SecurityRuleType

    /// The rule `library`'s policy sets for items of `itemType`; `nil` when it sets none.
    init?(library: LibraryRecord, itemType: String, policies: [SecurityPolicyInfo]) {
        guard let policy = policies.first(where: { $0.policy == library.securityPolicyID }),
            let rule = policy.itemTypeRules[itemType]
        else { return nil }
        self.policy = policy
        self.rule = rule
    }

    /// The report with the rule's errors added.
    /// - Parameter descriptor: the file an "unsigned" error is reported against.
    func apply(to report: ValidationReport, descriptor: String) -> ValidationReport {
        var judged = report
        switch self.rule {
        case .ovfStrictVerification:
            if report.preview?.certificateInfo == nil {
                judged.add(.error(
                    "CERT-009", file: descriptor,
                    "The security policy '\(self.policy.name)' of this library refuses \(descriptor): the package is not signed.",
                    args: [self.policy.name, descriptor]
                ))
            }
            for warning in Self.certificateWarnings(in: report) {
                let file = warning.file ?? descriptor
                judged.add(.error(
                    "CERT-009", file: file,
                    "The security policy '\(self.policy.name)' of this library refuses \(file): \(warning.message.defaultMessage)",
                    args: [self.policy.name, file, warning.warningType?.rawValue ?? ""]
                ))
            }
        }
        return judged
    }

    /// How the certificate of content the rule accepted was verified, for the item. Content
    /// reaches the item only when the rule found nothing (`apply` turns every certificate problem
    /// into an error, which refuses `complete`), so it was verified.
    func verification(of report: ValidationReport) -> CertificateVerificationInfo {
        CertificateVerificationInfo(status: .verified, certChain: report.preview?.certChain)
    }

    private static func certificateWarnings(in report: ValidationReport) -> [Finding] {
        report.findings.filter { $0.severity == .warning && $0.warningType.map(WarningType.certificateTypes.contains) == true }
    }
}
