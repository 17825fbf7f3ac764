//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-ENV-001..005.
@Suite struct EnvelopeRulesTests {
    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-ENV-001", .error, "root is not Envelope", edits: [("<Envelope ", "<FakeEnvelope "), ("</Envelope>", "</FakeEnvelope>")]),
        .init(
            "OVF-ENV-002", .error, "unknown envelope namespace",
            edits: [("xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\"", "xmlns=\"http://nosuchspec.com/ovf/envelope/1\" xmlns:ovf=\"http://nosuchspec.com/ovf/envelope/1\"")]
        ),
        .init(
            "OVF-ENV-003", .warning, "legacy 0.9 namespace",
            edits: [
                ("xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\"", "xmlns=\"http://www.vmware.com/schema/ovf/1/envelope\" xmlns:ovf=\"http://www.vmware.com/schema/ovf/1/envelope\""),
                ("ovf:version=\"1.0\"", "ovf:version=\"0.9\""),
            ]
        ),
        .init(
            "OVF-ENV-004", .error, "ovf: prefix bound to another OVF version",
            edits: [("xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\"", "xmlns=\"http://schemas.dmtf.org/ovf/envelope/2\" xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1\"")]
        ),
        .init("OVF-ENV-005", .warning, "ovf:version disagrees with namespace", edits: [("ovf:version=\"1.0\"", "ovf:version=\"2.0\"")], nearMiss: [("ovf:version=\"1.0\"", "ovf:version=\"1.1\"")]),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }

    /// Envelope errors stop the other rules.
    @Test func envelopeErrorsStopTheOtherRules() async throws {
        var package = TestPackage.baseline()
        RuleCase.editing([("<Envelope ", "<FakeEnvelope "), ("</Envelope>", "</FakeEnvelope>")])(&package)
        let report = try await package.validate()
        #expect(report.findings.map(\.ruleID).filter { $0.hasPrefix("OVF-") && $0 != "OVF-ENV-001" }.allSatisfy { $0 == "OVF-REF-013" })
    }
}
