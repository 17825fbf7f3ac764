//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// Reads a descriptor from the content and runs every scope-D rule on it.
///
/// OVF-XSD-001 (optional XSD validation, warning only) is not implemented: the structural
/// rules are the blocking layer, and schema failures on accepted packages would only add noise.
struct DescriptorValidator: Sendable {
    /// What validating the descriptor found.
    struct Outcome: Sendable {
        /// The findings of the XML, envelope and descriptor rules.
        var findings: [Finding] = []
        /// The parsed descriptor, when it could be read as an OVF envelope.
        var descriptor: Descriptor?
    }

    /// The rule groups run on a readable envelope, in report order.
    static var ruleSets: [any DescriptorRuleSet.Type] {
        [
            EnvelopeRules.self, ReferenceRules.self, DiskRules.self, NetworkRules.self, ContentRules.self,
            SectionRules.self, HardwareRules.self, ProductRules.self, OtherSectionRules.self,
        ]
    }

    /// The largest descriptor read, in bytes (OVF-XML-003).
    var maxDescriptorSize: Int

    /// Validates the descriptor `name` of `content`.
    func validate(_ name: String, in content: any ContentView) async -> Outcome {
        guard let file = content.file(named: name) else {
            return Outcome(findings: [.missing("OVF-PKG-002", file: name, "\(name): the descriptor is not in the content.")])
        }
        // OVF-XML-003, on the recorded size, before reading a byte.
        guard file.size <= Int64(self.maxDescriptorSize) else {
            return Outcome(findings: [.error(
                "OVF-XML-003", file: name,
                "\(name): the descriptor is \(file.size) bytes, more than the limit of \(self.maxDescriptorSize) bytes.",
                args: [name, String(file.size), String(self.maxDescriptorSize)]
            )])
        }
        let bytes: [UInt8]
        do {
            bytes = try await content.readAll(name, limit: self.maxDescriptorSize)
        } catch {
            return Outcome(findings: [.error("OVF-XML-001", file: name, "\(name): the descriptor cannot be read: \(error).", args: [name])])
        }
        let root: XMLElement
        do {
            root = try HardenedXMLParser().parse(bytes)
        } catch {
            return Outcome(findings: [.error(error.ruleID, file: name, line: error.line, column: error.column, "\(name): \(error.reason).", args: [name])])
        }
        return self.validate(Descriptor(name: name, root: root))
    }

    /// Runs the rules on a parsed descriptor.
    func validate(_ descriptor: Descriptor) -> Outcome {
        let (rootFindings, readable) = EnvelopeRules.rootFindings(in: descriptor)
        guard readable else { return Outcome(findings: rootFindings) }
        var findings = rootFindings
        for ruleSet in Self.ruleSets { findings += ruleSet.findings(in: descriptor) }
        return Outcome(findings: findings, descriptor: descriptor)
    }
}
