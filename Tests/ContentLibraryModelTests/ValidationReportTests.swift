//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

@Suite struct ValidationReportTests {
    @Test func missingFilesAreASortedSetWithoutDuplicates() {
        var report = ValidationReport()
        report.add(.missing("R-1", file: "b.vmdk", "b missing"))
        report.add(.missing("R-2", file: "a.vmdk", "a missing"))
        report.add(.missing("R-3", file: "b.vmdk", "b missing again"))
        #expect(report.missingFiles == ["a.vmdk", "b.vmdk"])
        #expect(report.invalidFiles.isEmpty)
        #expect(report.hasErrors)
    }

    @Test func invalidFilesTakeTheFirstErrorAndCountTheRest() {
        var report = ValidationReport()
        report.add(.error("R-1", file: "pkg.ovf", line: 3, "first problem"))
        report.add(.warning("R-2", type: "T", file: "pkg.ovf", "just a warning"))
        report.add(.error("R-3", file: "pkg.ovf", "second problem"))
        report.add(.error("R-4", file: "pkg.ovf", "third problem"))
        report.add(.error("R-5", file: "disk.vmdk", "disk problem"))
        let invalid = report.invalidFiles
        #expect(invalid.map(\.name) == ["pkg.ovf", "disk.vmdk"])
        #expect(invalid[0].errorMessage.defaultMessage == "first problem (and 2 more problems)")
        #expect(invalid[0].errorMessage.id == "com.vmware.content.library.validation.r_1")
        #expect(invalid[1].errorMessage.defaultMessage == "disk problem")
        // The first error's place travels as message parameters; a finding with no line has none.
        #expect(invalid[0].errorMessage.params == ["file": .string("pkg.ovf"), "line": .integer(3)])
        #expect(invalid[1].errorMessage.params == nil)
    }

    @Test func aMissingFileIsNotAlsoInvalid() {
        var report = ValidationReport()
        report.add(.missing("R-1", file: "disk.vmdk", "missing"))
        report.add(.error("R-2", file: "disk.vmdk", "size differs"))
        #expect(report.missingFiles == ["disk.vmdk"])
        #expect(report.invalidFiles.isEmpty)
    }

    @Test func warningsAndNotesDoNotMakeErrors() {
        var report = ValidationReport()
        report.add(.warning("R-1", type: "T", file: "a", "w"))
        report.add(.info("R-2", file: "a", "i"))
        #expect(!report.hasErrors)
        #expect(report.validationResult == ValidationResult(hasErrors: false, missingFiles: [], invalidFiles: []))
    }

    @Test func previewWarningsAreOnePerTypeWithEffectiveIgnored() {
        var report = ValidationReport()
        report.add(.warning("CERT-005", type: .selfSignedCertificate, file: "pkg.cert", "Self-signed."))
        report.add(.warning("MF-006", type: "WEAK_DIGEST", file: "pkg.mf", "SHA1 used."))
        report.add(.warning("CERT-010", type: "WEAK_DIGEST", file: "pkg.cert", "SHA1 signature."))
        let declarations = [WarningDeclaration(type: "WEAK_DIGEST", ignoredByDefault: true, description: "")]
        let warnings = report.previewWarnings(policy: WarningPolicy(), sessionBehavior: [], declarations: declarations)
        #expect(warnings.map(\.type) == [.selfSignedCertificate, "WEAK_DIGEST"])
        #expect(warnings.map(\.ignored) == [false, true])
        #expect(warnings[1].message.defaultMessage == "SHA1 used. SHA1 signature.")
        let blocking = report.blockingWarnings(
            policy: WarningPolicy(),
            sessionBehavior: [.init(type: .selfSignedCertificate, ignored: true)],
            declarations: declarations
        )
        #expect(blocking.isEmpty)
    }

    @Test func validationResultHasTheWireFieldNames() throws {
        var report = ValidationReport()
        report.add(.missing("R-1", file: "disk.vmdk", "missing"))
        report.add(.error("R-2", file: "pkg.ovf", "bad"))
        let data = try JSONEncoder().encode(report.validationResult)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["has_errors", "missing_files", "invalid_files"])
        let invalid = try #require(object["invalid_files"] as? [[String: Any]])
        #expect(Set(invalid[0].keys) == ["name", "error_message"])
        let message = try #require(invalid[0]["error_message"] as? [String: Any])
        #expect(Set(message.keys) == ["id", "default_message", "args"])
    }
}
