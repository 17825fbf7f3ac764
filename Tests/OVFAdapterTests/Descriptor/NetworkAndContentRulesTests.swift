//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-NET-001..002 and OVF-CNT-001..003.
@Suite struct NetworkAndContentRulesTests {
    /// The baseline Network declaration.
    static let network = "<Network ovf:name=\"VM Network\"><Description>The VM network</Description></Network>"
    /// The start of a VirtualSystemCollection wrapping the baseline VM.
    static let vsc = """
        <VirtualSystemCollection ovf:id="vapp"><Info>A vApp</Info><VirtualSystem ovf:id="vm1">
        """

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-NET-001", .error, "NetworkSection inside a VirtualSystem", edits: [("<Name>vm1</Name>", "<Name>vm1</Name><NetworkSection><Info>x</Info></NetworkSection>")]),
        .init("OVF-NET-001", .error, "duplicate Network name", edits: [(network, network + network)]),
        .init("OVF-NET-001", .error, "two NetworkSections", edits: [("<VirtualSystem ovf:id", "<NetworkSection><Info>n</Info></NetworkSection><VirtualSystem ovf:id")]),
        .init(
            "OVF-NET-002", .error, "Connection to an undeclared network", edits: [("<rasd:Connection>VM Network</rasd:Connection>", "<rasd:Connection>Nowhere</rasd:Connection>")],
            nearMiss: [("<rasd:Connection>VM Network</rasd:Connection>", "<rasd:Connection>vm network</rasd:Connection>")]
        ),
        .init("OVF-CNT-001", .error, "no Content", edits: [("<VirtualSystem ovf:id=\"vm1\">", "<!--"), ("</VirtualSystem>", "-->")], located: true),
        .init("OVF-CNT-001", .error, "two top-level Contents", edits: [("</Envelope>", "<VirtualSystem ovf:id=\"vm2\"><Info>x</Info><VirtualHardwareSection><Info>h</Info></VirtualHardwareSection></VirtualSystem></Envelope>")]),
        .init("OVF-CNT-002", .error, "Content without id", edits: [("<VirtualSystem ovf:id=\"vm1\">", "<VirtualSystem>")]),
        .init("OVF-CNT-002", .error, "Content without Info first", edits: [("<Info>A virtual machine</Info>", "")]),
        .init(
            "OVF-CNT-002", .error, "duplicate Content ids",
            edits: [("<VirtualSystem ovf:id=\"vm1\">", "<VirtualSystemCollection ovf:id=\"vm1\"><Info>A vApp</Info><VirtualSystem ovf:id=\"vm1\">"), ("</VirtualSystem>", "</VirtualSystem></VirtualSystemCollection>")],
            nearMiss: [("<VirtualSystem ovf:id=\"vm1\">", vsc), ("</VirtualSystem>", "</VirtualSystem></VirtualSystemCollection>")]
        ),
        .init(
            "OVF-CNT-003", .warning, "empty VirtualSystemCollection",
            edits: [("<VirtualSystem ovf:id=\"vm1\">", "<VirtualSystemCollection ovf:id=\"vapp\"><Info>Empty</Info></VirtualSystemCollection><!--"), ("</VirtualSystem>", "-->")]
        ),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }
}
