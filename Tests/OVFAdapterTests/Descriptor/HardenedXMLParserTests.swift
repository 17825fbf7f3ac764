//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import Testing

@testable import OVFAdapter

/// OVF-XML-001..003 and the hostile-XML defences.
@Suite struct HardenedXMLParserTests {
    /// Malformed XML is an error with its line.
    @Test func malformedXMLIsAnErrorWithItsLine() async throws {
        let report = try await TestPackage.baseline { $0.edit("</References>", "</Reference>") }.validate()
        let finding = try #require(report.findings("OVF-XML-001").first)
        #expect(finding.severity == .error && finding.file == "pkg.ovf")
        #expect(finding.line == 8, "\(finding)")
        #expect(finding.message.defaultMessage.hasPrefix("pkg.ovf: the descriptor is not well-formed XML"))
    }

    /// Invalid UTF-8 is an error.
    @Test func invalidUTF8IsAnError() async throws {
        var bytes = Array(Baseline.descriptor.utf8)
        let marker = Array("A virtual machine".utf8)
        let index = try #require((0..<(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        bytes[index] = 0xC3
        bytes[index + 1] = 0x28
        let report = try await TestPackage(files: ["pkg.ovf": bytes, "disk1.vmdk": Baseline.disk]).validate()
        #expect(report.has("OVF-XML-001", .error), "\(report.summary)")
    }

    /// Entity and character references still work.
    @Test func entityAndCharacterReferencesStillWork() async throws {
        let report = try await TestPackage.baseline {
            $0.edit("<Info>A virtual machine</Info>", "<Info>A &amp; B &#65; &lt;vm&gt;</Info>")
        }.validate()
        #expect(report.findings.isEmpty, "\(report.summary)")
        let root = try HardenedXMLParser().parse(Array("<a x=\"1 &amp; 2\">&#65;&amp;</a>".utf8))
        #expect(root.text == "A&" && root.attribute("x", namespace: nil) == "1 & 2")
    }

    /// External entity is refused and nothing leaks.
    @Test func externalEntityIsRefusedAndNothingLeaks() async throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE Envelope [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><References/><VirtualSystem><Info>&xxe;</Info></VirtualSystem></Envelope>
            """
        let report = try await TestPackage.descriptor(xxe).validate()
        #expect(report.has("OVF-XML-002", .error))
        #expect(report.findings.count == 1)
        #expect(!report.findings.contains { $0.message.defaultMessage.contains("root:") })
    }

    /// Parameter entity is refused.
    @Test func parameterEntityIsRefused() throws {
        let text = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]><a/>"
        #expect(throws: XMLParseFailure.self) { try HardenedXMLParser().parse(Array(text.utf8)) }
        do {
            _ = try HardenedXMLParser().parse(Array(text.utf8))
        } catch {
            #expect(error.ruleID == "OVF-XML-002")
        }
    }

    /// Billion laughs is refused.
    @Test func billionLaughsIsRefused() async throws {
        var entities = "<!ENTITY lol \"lol\">"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let text = "<?xml version=\"1.0\"?><!DOCTYPE Envelope [\(entities)]><Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\"><Info>&lol9;</Info></Envelope>"
        let report = try await TestPackage.descriptor(text).validate()
        #expect(report.has("OVF-XML-002", .error))
    }

    /// Bare doctype is refused by policy.
    @Test func bareDoctypeIsRefusedByPolicy() async throws {
        let text = Baseline.descriptor.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "<?xml version=\"1.0\"?><!DOCTYPE Envelope>")
        let report = try await TestPackage.descriptor(text, files: ["disk1.vmdk": Baseline.disk]).validate()
        #expect(report.has("OVF-XML-002", .error))
        let clean = try await TestPackage.baseline().validate()
        #expect(!clean.has("OVF-XML-002", .error))
    }

    /// Deep nesting ends in a clean error.
    @Test func deepNestingEndsInACleanError() async throws {
        let depth = 100_000
        let text = "<Envelope xmlns=\"http://schemas.dmtf.org/ovf/envelope/1\">" + String(repeating: "<a>", count: depth)
            + String(repeating: "</a>", count: depth) + "</Envelope>"
        let report = try await TestPackage.descriptor(text).validate()
        let finding = try #require(report.findings("OVF-XML-001").first, "\(report.summary)")
        #expect(finding.severity == .error)
        #expect(finding.message.defaultMessage.lowercased().contains("depth"), "\(finding.message.defaultMessage)")
    }

    /// Oversized descriptor is refused unread.
    @Test func oversizedDescriptorIsRefusedUnread() async throws {
        // A 50 MB descriptor, made sparse so the test does not write 50 MB.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ovf-big-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("big.ovf").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("<Envelope>".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 50_000_000)
        try handle.close()
        let report = await OVFAdapter().validate(try LocalContentView(paths: [path]), options: ValidationOptions())
        let finding = try #require(report.findings("OVF-XML-003").first)
        #expect(finding.severity == .error && finding.file == "big.ovf")
        #expect(report.findings.count == 1)
    }

    /// Size cap comes from configuration.
    @Test func sizeCapComesFromConfiguration() async throws {
        let small = OVFAdapter.Configuration(maxDescriptorSize: 1024)
        let report = try await TestPackage.baseline().validate(configuration: small)
        #expect(report.has("OVF-XML-003", .error))
        let roomy = try await TestPackage.baseline().validate(configuration: .init(maxDescriptorSize: 1 << 20))
        #expect(!roomy.has("OVF-XML-003", .error))
    }

    /// Parsed tree keeps names namespaces and lines.
    @Test func parsedTreeKeepsNamesNamespacesAndLines() throws {
        let root = try HardenedXMLParser().parse(Array(Baseline.descriptor.utf8))
        #expect(root.localName == "Envelope" && root.namespace == "http://schemas.dmtf.org/ovf/envelope/1")
        #expect(root.line == 5)  // libxml2 records the line where a (multi-line) start tag ends
        let file = try #require(root.child(named: "References")?.child(named: "File"))
        #expect(file.attribute("href", namespace: "http://schemas.dmtf.org/ovf/envelope/1") == "disk1.vmdk")
        #expect(file.line == 7)
    }

    /// An `&` made by a reference in an attribute value comes out once, however it was written,
    /// and text next to it that only looks like a reference stays as written.
    @Test func ampersandsInAttributeValuesAreResolvedOnce() throws {
        let root = try HardenedXMLParser().parse(Array(#"<a x="&amp;#38;" y="&#38;&#38;" z="a&amp;b&lt;c" w="&#x26;amp;">t</a>"#.utf8))
        #expect(root.attribute("x", namespace: nil) == "&#38;")
        #expect(root.attribute("y", namespace: nil) == "&&")
        #expect(root.attribute("z", namespace: nil) == "a&b<c")
        #expect(root.attribute("w", namespace: nil) == "&amp;")
    }

    /// An `xsi:type` QName is resolved against the declarations in scope where it is written:
    /// the nearest declaration of its prefix, the default namespace without one, nothing when the
    /// prefix is not declared, and a redeclaration ends with its element.
    @Test func schemaTypesAreResolvedInScope() throws {
        let text = """
            <r xmlns="urn:default" xmlns:p="urn:outer" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
              <a i:type="p:T1"/>
              <b xmlns:p="urn:inner"><c i:type="p:T2"/></b>
              <d i:type="T3"/>
              <e i:type="q:T4"/>
              <f i:type=" p:T5 "/>
            </r>
            """
        let root = try HardenedXMLParser().parse(Array(text.utf8))
        let types = root.children.map { $0.schemaType ?? $0.children.first?.schemaType }
        #expect(types[0] == QualifiedName(namespace: "urn:outer", localName: "T1", written: "p:T1"))
        #expect(types[1] == QualifiedName(namespace: "urn:inner", localName: "T2", written: "p:T2"))
        #expect(types[2] == QualifiedName(namespace: "urn:default", localName: "T3", written: "T3"))
        #expect(types[3] == QualifiedName(namespace: nil, localName: "T4", written: "q:T4"))
        #expect(types[4] == QualifiedName(namespace: "urn:outer", localName: "T5", written: "p:T5"))
        #expect(root.children[0].line == 2 && root.children[1].children[0].line == 3)
    }
}
