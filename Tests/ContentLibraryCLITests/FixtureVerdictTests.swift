//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing

/// Every committed fixture package through the built `content-library validate --json`,
/// against the verdicts recorded in `fixtures/expectations.json`: the exit status and the
/// exact sets of rule ids that fire as errors and as warnings.
///
/// A fixture without an expectation fails the suite, so a new fixture cannot be forgotten;
/// an expectation whose fixture is gone fails it too.
@Suite struct FixtureVerdictTests {
    /// One recorded run: a fixture, the extra `validate` options, and what it must give.
    struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
        /// The fixture, relative to `fixtures/` (a package folder or a single file).
        var fixture: String
        /// Options placed before the fixture path, e.g. `--descriptor-only`.
        var options: [String]
        /// The exit status: 0 passed, 1 failed.
        var exit: Int32
        /// The rule ids of the error findings, as a set.
        var errors: Set<String>
        /// The rule ids of the warning findings, as a set (ignored warnings included).
        var warnings: Set<String>
        /// Why the verdict is right, for the reader of the file.
        var why: String?

        enum CodingKeys: String, CodingKey {
            case fixture, options, exit, errors, warnings, why
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.fixture = try container.decode(String.self, forKey: .fixture)
            self.options = try container.decodeIfPresent([String].self, forKey: .options) ?? []
            self.exit = try container.decode(Int32.self, forKey: .exit)
            self.errors = try container.decode(Set<String>.self, forKey: .errors)
            self.warnings = try container.decode(Set<String>.self, forKey: .warnings)
            self.why = try container.decodeIfPresent(String.self, forKey: .why)
        }

        /// The fixture and its options, as the test is named in reports.
        var testDescription: String { ([self.fixture] + self.options).joined(separator: " ") }
    }

    /// The part of the JSON report this suite reads.
    struct Report: Decodable {
        /// One finding: its rule and severity.
        struct Finding: Decodable {
            var ruleID: String
            var severity: String

            enum CodingKeys: String, CodingKey {
                case ruleID = "rule_id"
                case severity
            }
        }

        var passed: Bool
        var findings: [Finding]
    }

    /// The file of expectations.
    static let expectationsFile = CommandRunner.fixtures.appendingPathComponent("expectations.json")

    /// The recorded expectations; empty when the file does not parse (the coverage test then fails).
    static let expectations: [Expectation] = {
        struct File: Decodable { var cases: [Expectation] }
        guard let data = try? Data(contentsOf: Self.expectationsFile) else { return [] }
        return (try? JSONDecoder().decode(File.self, from: data))?.cases ?? []
    }()

    /// Every fixture the repository holds, relative to `fixtures/`: the OVF package folders (1.x
    /// and legacy 0.9), each signed package folder, each OVA and ISO, and each invalid and hostile
    /// descriptor.
    static func discoveredFixtures() throws -> Set<String> {
        let root = CommandRunner.fixtures
        let manager = FileManager.default
        func entries(_ folder: String) throws -> [String] {
            try manager.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
        }
        func isFolder(_ path: String) -> Bool {
            var folder: ObjCBool = false
            return manager.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &folder)
                && folder.boolValue
        }
        var found: Set<String> = []
        for name in try entries("ovf") where isFolder("ovf/" + name) && !["invalid", "hostile"].contains(name) {
            found.insert("ovf/" + name)
        }
        for folder in ["ovf/invalid", "ovf/hostile"] {
            for name in try entries(folder) where name.hasSuffix(".ovf") { found.insert(folder + "/" + name) }
        }
        for name in try entries("ovf09") where isFolder("ovf09/" + name) {
            found.insert("ovf09/" + name)
        }
        for name in try entries("cert") where isFolder("cert/" + name) && !name.hasPrefix(".") {
            found.insert("cert/" + name)
        }
        for name in try entries("ova") where name.hasSuffix(".ova") { found.insert("ova/" + name) }
        for name in try entries("iso") where name.hasSuffix(".iso") { found.insert("iso/" + name) }
        return found
    }

    /// Each fixture has at least one expectation, and each expectation names a fixture that exists.
    @Test func everyFixtureHasAnExpectation() throws {
        #expect(!Self.expectations.isEmpty, "\(Self.expectationsFile.path) is missing or does not parse")
        let fixtures = try Self.discoveredFixtures()
        let expected = Set(Self.expectations.map(\.fixture))
        #expect(fixtures.subtracting(expected).sorted() == [], "fixtures without an expectation")
        #expect(expected.subtracting(fixtures).sorted() == [], "expectations for fixtures that do not exist")
    }

    /// Invalid descriptors are checked alone, as their names say: without their referenced files.
    @Test func invalidDescriptorsAreCheckedDescriptorOnly() {
        for expectation in Self.expectations where expectation.fixture.hasPrefix("ovf/invalid/") {
            #expect(expectation.options.contains("--descriptor-only"), "\(expectation.fixture)")
        }
    }

    /// The fixture gives the recorded exit status, error rules and warning rules.
    @Test(arguments: expectations)
    func verdict(_ expectation: Expectation) throws {
        let path = CommandRunner.fixtures.appendingPathComponent(expectation.fixture).path
        let result = try CommandRunner.run(["validate", "--json"] + expectation.options + [path])
        #expect(result.status == expectation.exit, "\(result.stdout)\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(result.stdout.utf8))
        #expect(report.passed == (expectation.exit == 0))
        let errors = Set(report.findings.filter { $0.severity == "error" }.map(\.ruleID))
        let warnings = Set(report.findings.filter { $0.severity == "warning" }.map(\.ruleID))
        #expect(errors == expectation.errors, "errors")
        #expect(warnings == expectation.warnings, "warnings")
    }
}
