//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// What a type adapter reports about the content of an item.
///
/// Adapters only append findings; `missing_files` and `invalid_files` are derived from them,
/// so the two views can never disagree.
public struct ValidationReport: Hashable, Codable, Sendable {
    /// Everything found, in the order found.
    public var findings: [Finding]
    /// Data for the session's `preview_info` (certificate), when the content has any.
    public var preview: PreviewData?

    /// Creates a report.
    public init(findings: [Finding] = [], preview: PreviewData? = nil) {
        self.findings = findings
        self.preview = preview
    }

    /// Appends a finding.
    public mutating func add(_ finding: Finding) { self.findings.append(finding) }

    /// Appends findings.
    public mutating func add(contentsOf findings: some Sequence<Finding>) { self.findings.append(contentsOf: findings) }

    /// Appends another report's findings; its preview replaces ours when it has one.
    public mutating func merge(_ other: ValidationReport) {
        self.findings.append(contentsOf: other.findings)
        if let preview = other.preview { self.preview = preview }
    }

    /// Names that were expected but never added (a set: no duplicates, sorted).
    public var missingFiles: [String] {
        Array(Set(self.findings.lazy.filter { $0.severity == .error && $0.isMissingFile }.compactMap(\.file))).sorted()
    }

    /// Files present but failing, each with its first error message (and a count of the rest),
    /// its place as the message's parameters.
    public var invalidFiles: [ValidationError] {
        let missing = Set(self.missingFiles)
        var order: [String] = []
        var errors: [String: [Finding]] = [:]
        for finding in self.findings where finding.severity == .error && !finding.isMissingFile {
            let name = finding.file ?? ""
            if missing.contains(name) { continue }
            if errors[name] == nil { order.append(name) }
            errors[name, default: []].append(finding)
        }
        return order.map { name in
            let list = errors[name]!
            var message = list[0].message
            message.params = list[0].placeParams
            if list.count > 1 {
                message.defaultMessage += " (and \(list.count - 1) more problem\(list.count == 2 ? "" : "s"))"
            }
            return ValidationError(name: name, errorMessage: message)
        }
    }

    /// Whether any finding is an error.
    public var hasErrors: Bool { self.findings.contains { $0.severity == .error } }

    /// The typed warnings, in the order found.
    public var warnings: [Finding] { self.findings.filter { $0.severity == .warning } }

    /// The `File.validate` result on the wire.
    public var validationResult: ValidationResult {
        ValidationResult(hasErrors: self.hasErrors, missingFiles: self.missingFiles, invalidFiles: self.invalidFiles)
    }

    /// The preview warnings, one per type as vCenter shows them, each with its effective `ignored`.
    /// - Parameters:
    ///   - policy: the server's warning policy.
    ///   - sessionBehavior: the session's `warning_behavior`.
    ///   - declarations: the warning types the adapter declared.
    public func previewWarnings(
        policy: WarningPolicy,
        sessionBehavior: [WarningBehavior],
        declarations: [WarningDeclaration]
    ) -> [PreviewWarning] {
        var order: [WarningType] = []
        var texts: [WarningType: [String]] = [:]
        for finding in self.warnings {
            guard let type = finding.warningType else { continue }
            if texts[type] == nil { order.append(type) }
            let text = finding.message.defaultMessage
            if !texts[type, default: []].contains(text) { texts[type, default: []].append(text) }
        }
        return order.map { type in
            PreviewWarning(
                type: type,
                message: LocalizableMessage(
                    id: "com.vmware.content.library.validation.warning." + type.rawValue.lowercased(),
                    defaultMessage: texts[type]!.joined(separator: " "),
                    args: []
                ),
                ignored: policy.isIgnored(type, sessionBehavior: sessionBehavior, declarations: declarations)
            )
        }
    }

    /// The warnings that are not ignored and so block `complete`.
    public func blockingWarnings(
        policy: WarningPolicy,
        sessionBehavior: [WarningBehavior] = [],
        declarations: [WarningDeclaration]
    ) -> [PreviewWarning] {
        self.previewWarnings(policy: policy, sessionBehavior: sessionBehavior, declarations: declarations)
            .filter { !$0.ignored }
    }
}
