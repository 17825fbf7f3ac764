//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation

/// Renders a ValidationRun for people (one line per finding) or for programs (JSON).
struct ReportFormatter: Sendable {
    /// The human form: `file:line:column: severity RULE-ID: message`, then a summary line.
    ///
    /// Line and column are left out when unknown. Warnings end with their type and whether
    /// they block, since that decides the verdict.
    func human(_ run: ValidationRun) -> String {
        let ignored = Dictionary(run.warnings.map { ($0.type, $0.ignored) }, uniquingKeysWith: { _, last in last })
        var lines: [String] = []
        for finding in run.report.findings {
            var location = finding.file ?? ""
            if let line = finding.line {
                location += ":\(line)"
                if let column = finding.column { location += ":\(column)" }
            }
            var text = "\(location): \(finding.severity.rawValue) \(finding.ruleID): \(finding.message.defaultMessage)"
            if let type = finding.warningType {
                text += " [\(type.rawValue), \(ignored[type] == true ? "ignored" : "blocking")]"
            }
            lines.append(text)
        }
        lines.append(self.summary(run))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The closing line: counts and the verdict.
    func summary(_ run: ValidationRun) -> String {
        let findings = run.report.findings
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let notes = findings.filter { $0.severity == .info }.count
        let blocking = run.warnings.filter { !$0.ignored }.map(\.type.rawValue)
        var text = "\(run.adapter.name) (\(run.itemType)): \(Self.count(errors, "error")), \(Self.count(warnings, "warning")), \(Self.count(notes, "note"))"
        if !run.report.missingFiles.isEmpty { text += "; missing: " + run.report.missingFiles.joined(separator: ", ") }
        if !blocking.isEmpty { text += "; blocking warning types: " + blocking.joined(separator: ", ") }
        return text + (run.passed ? " - PASSED" : " - FAILED")
    }

    /// The JSON form: the `File.validate` result plus findings, warnings and preview.
    func json(_ run: ValidationRun) throws -> String {
        let document = JSONReport(
            itemType: run.itemType,
            passed: run.passed,
            hasErrors: run.report.hasErrors,
            missingFiles: run.report.missingFiles,
            invalidFiles: run.report.invalidFiles,
            findings: run.report.findings,
            warnings: run.warnings,
            preview: run.report.preview
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// The JSON document `validate --json` prints; documented in the README.
struct JSONReport: Codable, Sendable {
    var itemType: String
    var passed: Bool
    var hasErrors: Bool
    var missingFiles: [String]
    var invalidFiles: [ValidationError]
    var findings: [Finding]
    var warnings: [PreviewWarning]
    var preview: PreviewData?

    enum CodingKeys: String, CodingKey {
        case itemType = "item_type"
        case passed
        case hasErrors = "has_errors"
        case missingFiles = "missing_files"
        case invalidFiles = "invalid_files"
        case findings, warnings, preview
    }
}
