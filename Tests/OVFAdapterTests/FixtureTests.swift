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

/// The committed fixtures (fixtures/ovf, written by make-fixtures.py).
@Suite struct FixtureTests {
    /// fixtures/ovf, found from this file's path (repository root = 3 levels up).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/ovf")

    /// A content view over every file of a fixture folder.
    static func package(_ name: String) throws -> LocalContentView {
        let url = self.folder.appendingPathComponent(name)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        return try LocalContentView(paths: names.map { url.appendingPathComponent($0).path })
    }

    /// Valid packages have no findings.
    @Test(arguments: ["minimal", "multi-vm", "chunked", "gzip"])
    func validPackagesHaveNoFindings(_ name: String) async throws {
        let report = await OVFAdapter().validate(try Self.package(name), options: ValidationOptions())
        #expect(report.findings.isEmpty, "\(report.summary)")
    }

    /// The invalid descriptors, each named after the rule it must fire.
    static var invalidNames: [String] {
        let url = Self.folder.appendingPathComponent("invalid")
        return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasSuffix(".ovf") }.sorted()
    }

    /// Every invalid fixture is present.
    @Test func everyInvalidFixtureIsPresent() {
        #expect(Self.invalidNames.count >= 30)
    }

    /// Invalid fixture fires its rule.
    @Test(arguments: invalidNames)
    func invalidFixtureFiresItsRule(_ name: String) async throws {
        let rule = String(name.dropLast(4))
        let path = Self.folder.appendingPathComponent("invalid").appendingPathComponent(name).path
        let report = await OVFAdapter().validate(try LocalContentView(paths: [path]), options: ValidationOptions(descriptorOnly: true))
        #expect(report.has(rule, .error), "\(report.summary)")
        #expect(report.findings(rule).allSatisfy { $0.file == name })
    }

    /// Hostile fixtures are refused.
    @Test(arguments: ["xxe.ovf", "billion-laughs.ovf"])
    func hostileFixturesAreRefused(_ name: String) async throws {
        let path = Self.folder.appendingPathComponent("hostile").appendingPathComponent(name).path
        let report = await OVFAdapter().validate(try LocalContentView(paths: [path]), options: ValidationOptions())
        #expect(report.has("OVF-XML-002", .error), "\(report.summary)")
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? "root:x:0:0"
        let firstLine = passwd.split(separator: "\n").first.map(String.init) ?? "root:x:0:0"
        for finding in report.findings {
            #expect(!finding.message.defaultMessage.contains(firstLine))
            #expect(!finding.message.defaultMessage.contains("root:"))
            #expect(!finding.message.args.contains { $0.contains("root:") })
        }
    }

    /// fixtures/ovf09: hand-written OVF 0.9 packages, one per section kind, each with a negative
    /// twin (`<kind>-negative`) holding one defect that 1.x rejects too.
    static let legacyFolder = folder.deletingLastPathComponent().appendingPathComponent("ovf09")

    /// The 0.9 fixture packages, by folder name.
    static var legacyNames: [String] {
        // Package folders only: their names have no dot, unlike the README beside them.
        ((try? FileManager.default.contentsOfDirectory(atPath: Self.legacyFolder.path)) ?? []).filter { !$0.contains(".") }.sorted()
    }

    /// Every section kind has a 0.9 package and its negative twin.
    @Test func everySectionKindHasLegacyTwins() {
        let kinds = ["references", "disks", "networks", "hardware", "product", "eula", "startup", "annotation", "operating-system", "collection"]
        #expect(Set(Self.legacyNames) == Set(kinds + kinds.map { $0 + "-negative" }))
    }

    /// A well-formed 0.9 package gets the legacy warning and nothing else; its negative twin is
    /// refused with an error (never only warnings), and still reads as 0.9.
    @Test(arguments: legacyNames)
    func legacyPackageVerdict(_ name: String) async throws {
        let url = Self.legacyFolder.appendingPathComponent(name)
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        let view = try LocalContentView(paths: names.map { url.appendingPathComponent($0).path })
        let report = await OVFAdapter().validate(view, options: ValidationOptions())
        #expect(report.has("OVF-ENV-003", .warning), "\(report.summary)")
        if name.hasSuffix("-negative") {
            #expect(report.findings.contains { $0.severity == .error || $0.isMissingFile }, "\(report.summary)")
        } else {
            #expect(report.findings.map(\.ruleID) == ["OVF-ENV-003"], "\(report.summary)")
        }
    }

    /// Gzip fixture really is gzip.
    @Test func gzipFixtureReallyIsGzip() throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("gzip/disk1.vmdk.gz"))
        #expect(Array(bytes.prefix(3)) == [0x1f, 0x8b, 0x08])
    }
}
