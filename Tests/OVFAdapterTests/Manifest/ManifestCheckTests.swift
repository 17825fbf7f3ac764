//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

@testable import OVFAdapter

/// The MF-* rules: each is triggered once and shown not to fire on a clean manifest.
@Suite("ManifestCheck")
struct ManifestCheckTests {
    /// The descriptor's one reference.
    let disk = FileReference(id: "file1", href: "disk1.vmdk", size: 10)

    /// `pkg.ovf` and `disk1.vmdk` ("disk bytes") with `pkg.mf` made from their SHA256 digests.
    func package(_ manifest: (_ ovf: String, _ disk: String) -> String) throws -> TemporaryPackage {
        let package = try TemporaryPackage(["pkg.ovf": "<Envelope/>\n", "disk1.vmdk": "disk bytes"])
        try package.write("pkg.mf", manifest(try package.digest("pkg.ovf"), try package.digest("disk1.vmdk")))
        return package
    }

    /// Runs the check on `pkg.mf` of `package`.
    func check(_ package: TemporaryPackage, references: [FileReference]? = nil) async throws -> ManifestCheck.Outcome {
        try await ManifestCheck().check(
            manifestName: "pkg.mf", descriptorName: "pkg.ovf", references: references ?? [self.disk],
            content: package.view()
        )
    }

    /// The canonical manifest of the package.
    func canonical(_ ovf: String, _ disk: String) -> String { "SHA256(pkg.ovf)= \(ovf)\nSHA256(disk1.vmdk)= \(disk)\n" }

    @Test("A canonical, complete, matching manifest has no findings")
    func clean() async throws {
        let outcome = try await self.check(try self.package(self.canonical))
        #expect(outcome.findings.isEmpty)
        #expect(outcome.entries.map(\.fileName) == ["pkg.ovf", "disk1.vmdk"])
        #expect(outcome.entries.allSatisfy { $0.algorithm == .sha256 })
        #expect(outcome.entries.map(\.line) == [1, 2])
    }

    @Test("CRLF line endings and blank lines are tolerated")
    func crlf() async throws {
        let package = try self.package { "\r\nSHA256(pkg.ovf)= \($0)\r\n\r\nSHA256(disk1.vmdk)= \($1)\r\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.isEmpty)
        #expect(outcome.entries.map(\.line) == [2, 4])
    }

    @Test("MF-001: another .mf whose base name differs is a warning")
    func strayManifest() async throws {
        let package = try self.package(self.canonical)
        try package.write("other.mf", "SHA256(pkg.ovf)= 00\n")
        let outcome = try await self.check(package)
        let finding = try #require(outcome.findings.first { $0.ruleID == "MF-001" })
        #expect(finding.severity == .warning && finding.file == "other.mf")
        #expect(finding.warningType == WarningType(rawValue: "OVF_PACKAGE_CONTENT"))
        #expect(outcome.findings.count == 1)
        #expect(
            ManifestCheck.strayManifests(
                descriptorName: "pkg.ovf", manifestName: nil, references: [], content: try package.view()
            ).map(\.file) == ["other.mf"]
        )
    }

    @Test("MF-002: an unparsable line is an error with its line number")
    func unparsable() async throws {
        let package = try self.package { "SHA256(pkg.ovf)= \($0)\nthis is not a digest\nSHA256(disk1.vmdk)= \($1)\n" }
        let outcome = try await self.check(package)
        let finding = try #require(outcome.findings.first)
        #expect(outcome.findings.count == 1)
        #expect(finding.ruleID == "MF-002" && finding.severity == .error)
        #expect(finding.file == "pkg.mf" && finding.line == 2)
        #expect(outcome.entries.count == 2)
    }

    @Test("MF-002: a digest with no value or no parentheses does not parse")
    func missingParts() async throws {
        let package = try self.package { _, _ in "SHA256(pkg.ovf)= \nSHA256 pkg.ovf = 00\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.filter { $0.ruleID == "MF-002" }.compactMap(\.line) == [1, 2])
    }

    @Test("MF-002: a manifest over the size limit is an error and is not parsed")
    func tooLarge() async throws {
        let package = try self.package(self.canonical)
        try package.write("pkg.mf", [UInt8](repeating: UInt8(ascii: "\n"), count: ManifestCheck.sizeLimit + 1))
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-002"])
        #expect(outcome.findings[0].message.defaultMessage.contains("more than"))
    }

    @Test("MF-003: the sha1sum --tag form and upper-case hex are warnings, and the entries count")
    func lenient() async throws {
        let package = try self.package { "SHA256 (pkg.ovf) = \($0)\nSHA256(disk1.vmdk)= \($1.uppercased())\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-003"])
        #expect(outcome.findings[0].warningType == WarningType(rawValue: "OVF_COMPATIBILITY"))
        #expect(outcome.findings[0].line == 1)
        #expect(outcome.findings[0].message.defaultMessage.contains("2 lines"))
        #expect(outcome.entries.map(\.fileName) == ["pkg.ovf", "disk1.vmdk"])
        #expect(outcome.entries[1].digest == (try package.digest("disk1.vmdk")))
    }

    @Test("MF-004: an unknown algorithm token is an error", arguments: ["SHA2-256", "MD5", "SHA384", "sha256"])
    func unknownAlgorithm(token: String) async throws {
        let package = try self.package { "SHA256(pkg.ovf)= \($0)\n\(token)(disk1.vmdk)= \($1)\n" }
        let outcome = try await self.check(package)
        let finding = try #require(outcome.findings.first { $0.ruleID == "MF-004" })
        #expect(finding.severity == .error && finding.line == 2 && finding.file == "pkg.mf")
        #expect(finding.message.defaultMessage.contains(token))
    }

    @Test("MF-005: a digest of the wrong length or not hex is an error")
    func badDigest() async throws {
        let package = try self.package { ovf, disk in
            "SHA512(pkg.ovf)= \(ovf)\nSHA256(disk1.vmdk)= \(disk.dropLast())x\n"
        }
        let outcome = try await self.check(package)
        #expect(outcome.findings.filter { $0.ruleID == "MF-005" }.compactMap(\.line) == [1, 2])
        #expect(outcome.findings.allSatisfy { $0.ruleID != "MF-005" || $0.severity == .error })
        #expect(outcome.entries.isEmpty)
    }

    @Test("MF-006: SHA1 is a weak-digest warning, and a matching SHA1 digest passes")
    func sha1() async throws {
        let package = try TemporaryPackage(["pkg.ovf": "<Envelope/>\n", "disk1.vmdk": "disk bytes"])
        try package.write(
            "pkg.mf",
            "SHA1(pkg.ovf)= \(try package.digest("pkg.ovf", .sha1))\n"
                + "SHA512(disk1.vmdk)= \(try package.digest("disk1.vmdk", .sha512))\n"
        )
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-006"])
        #expect(outcome.findings[0].severity == .warning && outcome.findings[0].line == 1)
        #expect(outcome.findings[0].warningType == WarningType(rawValue: "WEAK_DIGEST"))
    }

    @Test("MF-007: a digest that differs is an error on the data file, with both digests")
    func mismatch() async throws {
        let package = try self.package(self.canonical)
        let listed = try package.digest("disk1.vmdk")
        try package.write("disk1.vmdk", "DISK BYTES")
        let actual = try package.digest("disk1.vmdk")
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-007"])
        let finding = outcome.findings[0]
        #expect(finding.severity == .error && finding.file == "disk1.vmdk")
        #expect(finding.message.defaultMessage.contains(listed) && finding.message.defaultMessage.contains(actual))
        #expect(finding.message.defaultMessage.hasPrefix("disk1.vmdk: SHA256 in pkg.mf"))
    }

    @Test("MF-007: the digest known from the upload is used, and the file is never read")
    func digestReuse() async throws {
        let package = try self.package(self.canonical)
        let wrong = String(repeating: "ab", count: 32)
        let view = LocalContentView(entries: [
            .init(file: ContentFile(name: "pkg.ovf", size: 12), path: package.path("pkg.ovf")),
            .init(
                file: ContentFile(name: "pkg.mf", size: Int64(try package.bytes("pkg.mf").count)),
                path: package.path("pkg.mf")),
            // No bytes on disk: reading this file would fail, so a finding naming `wrong` proves reuse.
            .init(
                file: ContentFile(name: "disk1.vmdk", size: 10, knownDigests: [.sha256: wrong]),
                path: package.path("no-such-file")
            ),
        ])
        let outcome = await ManifestCheck().check(
            manifestName: "pkg.mf", descriptorName: "pkg.ovf", references: [self.disk], content: view
        )
        #expect(outcome.findings.map(\.ruleID) == ["MF-007"])
        #expect(outcome.findings[0].file == "disk1.vmdk")
        #expect(outcome.findings[0].message.defaultMessage.contains("uploaded file's is \(wrong)"))
        #expect(view.knownDigestCount == 2)  // the seeded one and pkg.ovf's, computed once
    }

    @Test("A listed file that was not uploaded is not digest-checked")
    func absentFile() async throws {
        let package = try self.package {
            "SHA256(pkg.ovf)= \($0)\nSHA256(disk1.vmdk)= \($1)\nSHA256(disk2.vmdk)= \($1)\n"
        }
        let outcome = try await self.check(
            package, references: [self.disk, FileReference(id: "file2", href: "disk2.vmdk")]
        )
        #expect(outcome.findings.isEmpty)
        #expect(outcome.entries.count == 3)
    }

    @Test("MF-008: a referenced file without an entry is an error on the manifest")
    func unlistedReference() async throws {
        let package = try self.package { ovf, _ in "SHA256(pkg.ovf)= \(ovf)\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-008"])
        #expect(outcome.findings[0].severity == .error && outcome.findings[0].file == "pkg.mf")
        #expect(outcome.findings[0].message.defaultMessage.contains("disk1.vmdk"))
    }

    /// A package whose disk is chunked into two parts of 4 and 3 bytes.
    func chunkedPackage(_ manifest: (_ ovf: String, _ part0: String, _ part1: String, _ whole: String) -> String) throws
        -> (TemporaryPackage, FileReference)
    {
        let package = try TemporaryPackage([
            "pkg.ovf": "<Envelope/>\n", "disk1.vmdk.000000000": "abcd", "disk1.vmdk.000000001": "efg",
        ])
        let whole = StreamingHasher.digest(Array("abcdefg".utf8), algorithm: .sha256)
        try package.write(
            "pkg.mf",
            manifest(
                try package.digest("pkg.ovf"), try package.digest("disk1.vmdk.000000000"),
                try package.digest("disk1.vmdk.000000001"), whole
            )
        )
        return (package, FileReference(id: "file1", href: "disk1.vmdk", size: 7, chunkSize: 4))
    }

    @Test("MF-008: a chunked file may be listed per part or whole")
    func chunkedListings() async throws {
        let (perPart, reference) = try self.chunkedPackage { ovf, part0, part1, _ in
            "SHA256(pkg.ovf)= \(ovf)\nSHA256(disk1.vmdk.000000000)= \(part0)\nSHA256(disk1.vmdk.000000001)= \(part1)\n"
        }
        #expect(try await self.check(perPart, references: [reference]).findings.isEmpty)
        let (whole, _) = try self.chunkedPackage { ovf, _, _, whole in
            "SHA256(pkg.ovf)= \(ovf)\nSHA256(disk1.vmdk)= \(whole)\n"
        }
        #expect(try await self.check(whole, references: [reference]).findings.isEmpty)
    }

    @Test("MF-008 and MF-007 on chunks: an unlisted part, and a whole digest that differs")
    func chunkedProblems() async throws {
        let (partial, reference) = try self.chunkedPackage { ovf, part0, _, _ in
            "SHA256(pkg.ovf)= \(ovf)\nSHA256(disk1.vmdk.000000000)= \(part0)\n"
        }
        let missing = try await self.check(partial, references: [reference])
        #expect(missing.findings.map(\.ruleID) == ["MF-008"])
        #expect(missing.findings[0].message.defaultMessage.contains("disk1.vmdk.000000001"))
        let (wrong, _) = try self.chunkedPackage { ovf, part0, _, _ in
            "SHA256(pkg.ovf)= \(ovf)\nSHA256(disk1.vmdk)= \(part0)\n"
        }
        let mismatch = try await self.check(wrong, references: [reference])
        #expect(mismatch.findings.map(\.ruleID) == ["MF-007"])
        #expect(mismatch.findings[0].file == "disk1.vmdk.000000000")
    }

    @Test("MF-009: a manifest that does not list the descriptor is a warning")
    func unlistedDescriptor() async throws {
        let package = try self.package { _, disk in "SHA256(disk1.vmdk)= \(disk)\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-009"])
        #expect(outcome.findings[0].severity == .warning && outcome.findings[0].file == "pkg.mf")
    }

    @Test("MF-010: an entry for a file outside the package is a warning")
    func extraEntry() async throws {
        let package = try self.package { self.canonical($0, $1) + "SHA256(notes.txt)= \($1)\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-010"])
        #expect(outcome.findings[0].severity == .warning && outcome.findings[0].line == 3)
    }

    @Test("MF-011: a repeated entry is a warning, a conflicting one an error")
    func duplicates() async throws {
        let same = try await self.check(try self.package { self.canonical($0, $1) + "SHA256(disk1.vmdk)= \($1)\n" })
        #expect(same.findings.map(\.ruleID) == ["MF-011"])
        #expect(same.findings[0].severity == .warning && same.findings[0].line == 3)
        let different = try await self.check(
            try self.package { self.canonical($0, $1) + "SHA256(disk1.vmdk)= \($0)\n" })
        #expect(different.findings.map(\.ruleID) == ["MF-011"])
        #expect(different.findings[0].severity == .error && different.findings[0].line == 3)
        #expect(different.entries.count == 2)
    }

    @Test("MF-012: listing the manifest or the certificate itself is a warning")
    func selfListing() async throws {
        let package = try self.package { self.canonical($0, $1) + "SHA256(pkg.mf)= \($0)\nSHA256(pkg.cert)= \($0)\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-012", "MF-012"])
        #expect(outcome.findings.compactMap(\.line) == [3, 4])
        #expect(outcome.findings.allSatisfy { $0.severity == .warning })
    }

    @Test("MF-013: names with / or .. are errors", arguments: ["../disk1.vmdk", "dir/disk1.vmdk", ".."])
    func unsafeNames(name: String) async throws {
        let package = try self.package { self.canonical($0, $1) + "SHA256(\(name))= \($1)\n" }
        let outcome = try await self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["MF-013"])
        #expect(outcome.findings[0].severity == .error && outcome.findings[0].line == 3)
    }

    @Test("File names with parentheses and '=' parse")
    func oddNames() async throws {
        let package = try TemporaryPackage(["pkg.ovf": "<Envelope/>\n", "disk (1)=a.vmdk": "disk bytes"])
        try package.write(
            "pkg.mf",
            "SHA256(pkg.ovf)= \(try package.digest("pkg.ovf"))\n"
                + "SHA256(disk (1)=a.vmdk)= \(try package.digest("disk (1)=a.vmdk"))\n"
        )
        let outcome = try await self.check(package, references: [FileReference(id: "f", href: "disk (1)=a.vmdk")])
        #expect(outcome.findings.isEmpty)
        #expect(outcome.entries.map(\.fileName) == ["pkg.ovf", "disk (1)=a.vmdk"])
    }
}
