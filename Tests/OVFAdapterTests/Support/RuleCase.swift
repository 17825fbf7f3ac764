//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Testing

/// One catalogue rule exercised two ways: a change to the baseline package that fires it, and a
/// near miss (by default the baseline itself) that must not.
struct RuleCase: Sendable, CustomTestStringConvertible {
    /// A change to a package.
    typealias Change = @Sendable (inout TestPackage) -> Void

    /// The rule id.
    var rule: String
    /// The severity it must fire with.
    var severity: Severity
    /// What the case shows.
    var label: String
    /// Makes the package that fires the rule.
    var trigger: Change
    /// Makes the package that must not fire it.
    var nearMiss: Change
    /// Whether the finding must name `pkg.ovf` and a line (descriptor rules).
    var locatedInDescriptor: Bool

    /// How the case is named in test output.
    var testDescription: String { "\(self.rule) (\(self.severity.rawValue)): \(self.label)" }

    /// A case that edits the descriptor text (each pair: text to find, replacement).
    init(
        _ rule: String, _ severity: Severity, _ label: String, edits: [(String, String)], nearMiss: [(String, String)] = [],
        located: Bool = true
    ) {
        self.init(rule, severity, label, trigger: Self.editing(edits), nearMiss: Self.editing(nearMiss), located: located)
    }

    /// A case with arbitrary changes to the package.
    init(_ rule: String, _ severity: Severity, _ label: String, trigger: @escaping Change, nearMiss: @escaping Change = { _ in }, located: Bool = true) {
        self.rule = rule
        self.severity = severity
        self.label = label
        self.trigger = trigger
        self.nearMiss = nearMiss
        self.locatedInDescriptor = located
    }

    /// A change that edits `pkg.ovf`.
    static func editing(_ edits: [(String, String)]) -> Change {
        let pairs = edits.map { [$0.0, $0.1] }
        return { package in
            var text = String(decoding: package.files["pkg.ovf"] ?? [], as: UTF8.self)
            for pair in pairs { text.edit(pair[0], pair[1]) }
            package.files["pkg.ovf"] = Array(text.utf8)
        }
    }

    /// Checks that the trigger fires the rule with the severity, located where it should be.
    func expectFires() async throws {
        var package = TestPackage.baseline()
        self.trigger(&package)
        let report = try await package.validate()
        let matches = report.findings(self.rule).filter { $0.severity == self.severity }
        #expect(!matches.isEmpty, "expected \(self.rule)/\(self.severity.rawValue), got:\n\(report.summary)")
        for finding in matches {
            #expect(finding.file?.isEmpty == false)
            #expect(finding.message.defaultMessage.count > 20)
            if self.locatedInDescriptor {
                #expect(finding.file == "pkg.ovf" && finding.line != nil, "\(finding)")
            }
            if finding.severity == .warning { #expect(finding.warningType != nil) }
        }
    }

    /// Checks that the near miss does not fire the rule at all.
    func expectQuiet() async throws {
        var package = TestPackage.baseline()
        self.nearMiss(&package)
        let report = try await package.validate()
        #expect(report.findings(self.rule).isEmpty, "expected no \(self.rule), got:\n\(report.summary)")
    }
}
