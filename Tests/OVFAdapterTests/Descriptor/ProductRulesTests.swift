//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

/// OVF-PROD-001..005, OVF-OS-001, OVF-EULA-001, OVF-DEP-001 and OVF-STR-001.
@Suite struct ProductRulesTests {
    /// The end of the baseline's VirtualHardwareSection, where cases append.
    static let end = "</VirtualHardwareSection>"
    /// The start of a ProductSection.
    static let product = "<ProductSection ovf:class=\"com.example\"><Info>p</Info><Product>App</Product>"

    /// A ProductSection after the hardware, holding `properties`.
    static func products(_ properties: String) -> [(String, String)] {
        [(end, end + product + properties + "</ProductSection>")]
    }

    /// A DeploymentOptionSection before the VirtualSystem.
    static func options(_ configurations: String) -> [(String, String)] {
        [("<VirtualSystem ovf:id", "<DeploymentOptionSection><Info>d</Info>\(configurations)</DeploymentOptionSection><VirtualSystem ovf:id")]
    }

    /// A deployment Configuration with an id, optionally marked default.
    static func configuration(_ id: String, _ isDefault: Bool = false) -> String {
        "<Configuration ovf:id=\"\(id)\"\(isDefault ? " ovf:default=\"true\"" : "")><Label>\(id)</Label><Description>\(id)</Description></Configuration>"
    }

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init(
            "OVF-PROD-001", .error, "two ProductSections with the same class and instance",
            edits: [(end, end + product + "</ProductSection>" + product + "</ProductSection>")],
            nearMiss: [(end, end + product + "</ProductSection>" + "<ProductSection ovf:class=\"com.example\" ovf:instance=\"2\"><Info>p</Info></ProductSection>")]
        ),
        .init("OVF-PROD-002", .error, "Property without key", edits: products("<Property ovf:type=\"string\"/>")),
        .init("OVF-PROD-002", .error, "Property without type", edits: products("<Property ovf:key=\"k\"/>")),
        .init("OVF-PROD-003", .error, "unknown type", edits: products("<Property ovf:key=\"k\" ovf:type=\"nosuchtype\"/>"), nearMiss: products("<Property ovf:key=\"k\" ovf:type=\"int\" ovf:value=\"3\"/><Property ovf:key=\"r\" ovf:type=\"real64\"/>")),
        .init("OVF-PROD-004", .error, "duplicate key", edits: products("<Property ovf:key=\"k\" ovf:type=\"string\"/><Property ovf:key=\"k\" ovf:type=\"string\"/>")),
        .init("OVF-PROD-005", .warning, "value does not fit the type", edits: products("<Property ovf:key=\"k\" ovf:type=\"uint8\" ovf:value=\"300\"/>"), nearMiss: products("<Property ovf:key=\"k\" ovf:type=\"uint8\" ovf:value=\"200\"/>")),
        .init("OVF-PROD-005", .warning, "value outside ValueMap", edits: products("<Property ovf:key=\"k\" ovf:type=\"string\" ovf:qualifiers=\"ValueMap{&quot;a&quot;,&quot;b&quot;}\" ovf:value=\"c\"/>"), nearMiss: products("<Property ovf:key=\"k\" ovf:type=\"string\" ovf:qualifiers=\"ValueMap{&quot;a&quot;,&quot;b&quot;}\" ovf:value=\"b\"/>")),
        .init("OVF-PROD-005", .warning, "value longer than MaxLen", edits: products("<Property ovf:key=\"k\" ovf:type=\"string\" ovf:qualifiers=\"MinLen(1) MaxLen(3)\" ovf:value=\"abcd\"/>")),
        .init("OVF-PROD-005", .warning, "value below MinValue", edits: products("<Property ovf:key=\"k\" ovf:type=\"sint32\" ovf:qualifiers=\"MinValue(10)\" ovf:value=\"2\"/>")),
        .init("OVF-OS-001", .error, "OperatingSystemSection without id", edits: [("<OperatingSystemSection ovf:id=\"101\">", "<OperatingSystemSection>")]),
        .init("OVF-OS-001", .error, "OS id not an integer", edits: [("<OperatingSystemSection ovf:id=\"101\">", "<OperatingSystemSection ovf:id=\"linux\">")]),
        .init("OVF-OS-001", .warning, "OS id outside the value map", edits: [("<OperatingSystemSection ovf:id=\"101\">", "<OperatingSystemSection ovf:id=\"4000\">")], nearMiss: [("<OperatingSystemSection ovf:id=\"101\">", "<OperatingSystemSection ovf:id=\"36\">")]),
        .init(
            "OVF-EULA-001", .error, "EulaSection without License", edits: [(end, end + "<EulaSection><Info>e</Info><License>  </License></EulaSection>")],
            nearMiss: [(end, end + "<EulaSection><Info>e</Info><License>Terms apply.</License></EulaSection>")]
        ),
        .init("OVF-DEP-001", .error, "DeploymentOptionSection without Configuration", edits: options(""), nearMiss: options(configuration("small", true) + configuration("big"))),
        .init("OVF-DEP-001", .error, "duplicate Configuration id", edits: options(configuration("small") + configuration("small"))),
        .init("OVF-DEP-001", .warning, "two defaults", edits: options(configuration("small", true) + configuration("big", true))),
        .init(
            "OVF-STR-001", .warning, "msgid resolves nowhere", edits: [("<Info>A virtual machine</Info>", "<Info ovf:msgid=\"vm.info\">A virtual machine</Info>")],
            nearMiss: [
                ("<Info>A virtual machine</Info>", "<Info ovf:msgid=\"vm.info\">A virtual machine</Info>"),
                ("</Envelope>", "<Strings xml:lang=\"de-DE\"><Msg ovf:msgid=\"vm.info\">Eine virtuelle Maschine</Msg></Strings></Envelope>"),
            ]
        ),
        .init("OVF-STR-001", .warning, "Strings fileRef names no File", edits: [("</Envelope>", "<Strings xml:lang=\"de-DE\" ovf:fileRef=\"nothing\"/></Envelope>")]),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }

    /// Strings in an odd namespace are accepted.
    @Test func stringsInAnOddNamespaceAreAccepted() async throws {
        let report = try await TestPackage.baseline { ovf in
            ovf.edit("<Info>A virtual machine</Info>", "<Info ovf:msgid=\"vm.info\">A virtual machine</Info>")
            ovf.edit("</Envelope>", "<x:Strings xmlns:x=\"urn:odd\" xml:lang=\"de\"><x:Msg x:msgid=\"vm.info\">VM</x:Msg></x:Strings></Envelope>")
        }.validate()
        #expect(report.findings.isEmpty, "\(report.summary)")
    }
}
