//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing

/// Keeps `docs/rules.md` in step with the code: every rule id the sources emit has a row in the
/// catalogue, and every row names a rule id that is still emitted.
@Suite struct RuleCatalogueTests {
    /// A rule id as a Swift string literal, quotes included (`"OVF-REF-007"`, `"MF-004"`, …).
    static let literalPattern = #""((?:OVF|MF|CERT|OVA|ISO|GEN)-[A-Z]*-?[0-9]{3})""#

    /// A catalogue table row: a line whose first cell is a rule id, optionally in backticks.
    static let rowPattern = #"^\|\s*`?((?:OVF|MF|CERT|OVA|ISO|GEN)-[A-Z]*-?[0-9]{3})`?\s*\|"#

    /// The rule catalogue.
    static let catalogue = CommandRunner.repositoryRoot.appendingPathComponent("docs/rules.md")

    /// The first capture group of every match of `pattern` in `text`.
    static func captures(of pattern: String, in text: String, options: NSRegularExpression.Options = []) throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern, options: options)
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The rule ids written as string literals in any `.swift` file under `Sources/`.
    static func emittedRuleIDs() throws -> Set<String> {
        let sources = CommandRunner.repositoryRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var ids: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            ids.formUnion(try self.captures(of: self.literalPattern, in: String(contentsOf: file, encoding: .utf8)))
        }
        return ids
    }

    /// The rule ids of the catalogue's table rows, in document order (duplicates kept).
    static func documentedRuleIDs() throws -> [String] {
        try self.captures(of: self.rowPattern, in: String(contentsOf: self.catalogue, encoding: .utf8), options: .anchorsMatchLines)
    }

    /// The scan itself works: the sources emit a substantial number of rule ids, among them
    /// well-known ones from each adapter.
    @Test func sourcesEmitRuleIDs() throws {
        let emitted = try Self.emittedRuleIDs()
        #expect(emitted.count > 100)
        for id in ["OVF-REF-007", "MF-007", "CERT-005", "OVA-009", "ISO-006", "GEN-003"] {
            #expect(emitted.contains(id), "\(id) is no longer emitted; the scan may be broken")
        }
    }

    /// Every rule id the code emits has a row in `docs/rules.md`.
    @Test func everyEmittedRuleIsDocumented() throws {
        let documented = Set(try Self.documentedRuleIDs())
        let undocumented = try Self.emittedRuleIDs().subtracting(documented).sorted()
        #expect(undocumented.isEmpty, "rule ids emitted in Sources/ but missing from docs/rules.md: \(undocumented)")
    }

    /// Every row of `docs/rules.md` names a rule id the code still emits.
    @Test func everyDocumentedRuleIsEmitted() throws {
        let emitted = try Self.emittedRuleIDs()
        let stale = Set(try Self.documentedRuleIDs()).subtracting(emitted).sorted()
        #expect(stale.isEmpty, "rows in docs/rules.md for rule ids no longer emitted in Sources/: \(stale)")
    }

    /// Each rule id has exactly one row, so there is one place to read and update.
    @Test func everyRuleHasOneRow() throws {
        var seen: Set<String> = []
        let repeated = try Self.documentedRuleIDs().filter { !seen.insert($0).inserted }
        #expect(repeated.isEmpty, "rule ids with more than one row in docs/rules.md: \(repeated)")
    }
}
