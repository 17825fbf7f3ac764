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

    /// Gzip fixture really is gzip.
    @Test func gzipFixtureReallyIsGzip() throws {
        let bytes = try Data(contentsOf: Self.folder.appendingPathComponent("gzip/disk1.vmdk.gz"))
        #expect(Array(bytes.prefix(3)) == [0x1f, 0x8b, 0x08])
    }
}
