//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryCLI
import ContentLibraryModel
import Foundation
import Testing

@Suite struct ReportFormatterTests {
    func run(_ findings: [Finding], ignored: Bool = false) -> ValidationRun {
        let report = ValidationReport(findings: findings)
        let warnings = report.previewWarnings(
            policy: WarningPolicy(),
            sessionBehavior: ignored ? [.init(type: .selfSignedCertificate, ignored: true)] : [],
            declarations: WarningDeclaration.certificateWarnings
        )
        return ValidationRun(
            itemType: "ovf",
            adapter: TypeInfo(type: "ovf", name: "OVF", description: "", vendor: "", version: "1"),
            report: report,
            warnings: warnings
        )
    }

    @Test func oneLinePerFindingWithLocationSeverityAndRule() {
        let text = ReportFormatter().human(self.run([
            .error("OVF-DISK-004", file: "pkg.ovf", line: 12, column: 5, "Disk 'd1' refers to file 'f9'."),
            .missing("OVF-REF-007", file: "disk1.vmdk", "disk1.vmdk is referenced but was not added."),
            .warning("CERT-005", type: .selfSignedCertificate, file: "pkg.cert", "Self-signed."),
        ]))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "pkg.ovf:12:5: error OVF-DISK-004: Disk 'd1' refers to file 'f9'.")
        #expect(lines[1] == "disk1.vmdk: error OVF-REF-007: disk1.vmdk is referenced but was not added.")
        #expect(lines[2] == "pkg.cert: warning CERT-005: Self-signed. [SELF_SIGNED_CERTIFICATE, blocking]")
        #expect(lines[3].hasPrefix("OVF (ovf): 2 errors, 1 warning, 0 notes; missing: disk1.vmdk"))
        #expect(lines[3].hasSuffix("FAILED"))
    }

    @Test func anIgnoredWarningPasses() {
        let run = self.run([.warning("CERT-005", type: .selfSignedCertificate, file: "pkg.cert", "Self-signed.")], ignored: true)
        #expect(run.passed)
        #expect(ReportFormatter().human(run).contains("[SELF_SIGNED_CERTIFICATE, ignored]"))
        #expect(ReportFormatter().summary(run).hasSuffix("PASSED"))
    }

    @Test func jsonCarriesTheValidateResultFindingsAndWarnings() throws {
        let json = try ReportFormatter().json(self.run([
            .missing("OVF-REF-007", file: "disk1.vmdk", "missing"),
            .warning("CERT-005", type: .selfSignedCertificate, file: "pkg.cert", "Self-signed."),
        ]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["has_errors"] as? Bool == true)
        #expect(object["passed"] as? Bool == false)
        #expect(object["missing_files"] as? [String] == ["disk1.vmdk"])
        #expect((object["invalid_files"] as? [Any])?.isEmpty == true)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule_id"] as? String } == ["OVF-REF-007", "CERT-005"])
        let warnings = try #require(object["warnings"] as? [[String: Any]])
        #expect(warnings.first?["type"] as? String == "SELF_SIGNED_CERTIFICATE")
        #expect(warnings.first?["ignored"] as? Bool == false)
    }
}
