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

/// The rules that need the files: OVF-REF-007, -008, -010, -011, -013 and OVF-DISK-011.
@Suite struct PackageContentRulesTests {
    /// The baseline's References File, which cases extend.
    static let file = "<File ovf:id=\"file1\" ovf:href=\"disk1.vmdk\" ovf:size=\"\(Baseline.disk.count)\"/>"
    /// Bytes that start like a gzip member.
    static let gzip: [UInt8] = [0x1f, 0x8b, 0x08, 0x00] + [UInt8](repeating: 7, count: 60)

    /// The baseline with its disk split into 1 KiB chunks `disk1.vmdk.000000000`, ….
    static func chunked(_ package: inout TestPackage, chunkSize: Int = 1024) {
        RuleCase.editing([("ovf:size=", "ovf:chunkSize=\"\(chunkSize)\" ovf:size=")])(&package)
        let disk = package.files.removeValue(forKey: "disk1.vmdk") ?? []
        var index = 0
        for start in stride(from: 0, to: disk.count, by: chunkSize) {
            package.files["disk1.vmdk." + String(repeating: "0", count: 9 - String(index).count) + String(index)] =
                Array(disk[start..<min(start + chunkSize, disk.count)])
            index += 1
        }
    }

    /// The baseline with its disk declared gzip-compressed and replaced by gzip-looking bytes.
    static func gzipped(_ package: inout TestPackage) {
        RuleCase.editing([("ovf:size=\"\(Baseline.disk.count)\"", "ovf:compression=\"gzip\" ovf:size=\"\(gzip.count)\"")])(&package)
        package.files["disk1.vmdk"] = gzip
    }

    /// The rule cases of this suite: each fires its rule once and has a near miss that must not.
    static let cases: [RuleCase] = [
        .init("OVF-REF-007", .error, "referenced file absent", trigger: { $0.files["disk1.vmdk"] = nil }, located: false),
        .init("OVF-REF-008", .error, "size differs", trigger: { $0.files["disk1.vmdk"]! += [0] }, located: false),
        .init(
            "OVF-REF-010", .error, "gzip file without magic",
            trigger: { package in
                RuleCase.editing([("ovf:size=", "ovf:compression=\"gzip\" ovf:size=")])(&package)
            },
            nearMiss: gzipped, located: false
        ),
        .init(
            "OVF-REF-010", .warning, "identity file that looks gzipped",
            trigger: { package in
                RuleCase.editing([("ovf:size=\"\(Baseline.disk.count)\"", "ovf:compression=\"identity\" ovf:size=\"\(gzip.count)\""), ("#streamOptimized", "#monolithicSparse")])(&package)
                package.files["disk1.vmdk"] = gzip
            },
            located: false
        ),
        .init(
            "OVF-REF-011", .error, "missing chunk goes to missing files",
            trigger: { package in
                chunked(&package)
                package.files["disk1.vmdk.000000001"] = nil
            },
            nearMiss: { chunked(&$0) }, located: false
        ),
        .init(
            "OVF-REF-011", .error, "short non-final chunk",
            trigger: { package in
                chunked(&package)
                package.files["disk1.vmdk.000000000"]!.removeLast()
            },
            nearMiss: { chunked(&$0, chunkSize: 4096) }, located: false
        ),
        .init(
            "OVF-REF-011", .warning, "unexpected extra chunk",
            trigger: { package in
                chunked(&package)
                package.files["disk1.vmdk.000000002"] = [1, 2, 3]
            },
            located: false
        ),
        .init(
            "OVF-REF-013", .error, "file present but not referenced",
            trigger: { $0.files["readme.txt"] = Array("hi".utf8) },
            nearMiss: { package in
                package.files["pkg.mf"] = Array("SHA256(pkg.ovf)= 00\n".utf8)
                package.files["pkg.cert"] = Array("x".utf8)
            },
            located: false
        ),
        .init("OVF-DISK-011", .error, "0-byte disk", trigger: { package in
            RuleCase.editing([("ovf:size=\"\(Baseline.disk.count)\"", "ovf:size=\"0\"")])(&package)
            package.files["disk1.vmdk"] = []
        }, located: false),
        .init("OVF-DISK-011", .error, "no KDMV magic", trigger: { $0.files["disk1.vmdk"] = VMDK.streamOptimized(magic: "COWD") }, located: false),
        .init(
            "OVF-DISK-011", .error, "embedded descriptor is not stream-optimized",
            trigger: { $0.files["disk1.vmdk"] = VMDK.streamOptimized(createType: "monolithicSparse") },
            nearMiss: { package in
                // A monolithicSparse disk is not sniffed.
                RuleCase.editing([("#streamOptimized", "#monolithicSparse")])(&package)
                package.files["disk1.vmdk"] = VMDK.streamOptimized(createType: "monolithicSparse")
            },
            located: false
        ),
    ]

    /// Each case's trigger fires its rule with the expected severity, located in the right file.
    @Test(arguments: cases) func fires(_ rule: RuleCase) async throws { try await rule.expectFires() }
    /// Each case's near miss fires no finding of its rule.
    @Test(arguments: cases) func nearMissIsQuiet(_ rule: RuleCase) async throws { try await rule.expectQuiet() }

    /// Missing file is listed under its href.
    @Test func missingFileIsListedUnderItsHref() async throws {
        var package = TestPackage.baseline()
        package.files["disk1.vmdk"] = nil
        let report = try await package.validate()
        #expect(report.missingFiles == ["disk1.vmdk"])
        #expect(report.invalidFiles.isEmpty)
    }

    /// Missing chunk is listed under its part name.
    @Test func missingChunkIsListedUnderItsPartName() async throws {
        var package = TestPackage.baseline()
        Self.chunked(&package)
        package.files["disk1.vmdk.000000000"] = nil
        let report = try await package.validate()
        #expect(report.missingFiles == ["disk1.vmdk.000000000"])
    }

    /// Chunked package is clean.
    @Test func chunkedPackageIsClean() async throws {
        var package = TestPackage.baseline()
        Self.chunked(&package, chunkSize: 512)
        #expect(package.files.count == 5)
        let report = try await package.validate()
        #expect(report.findings.isEmpty, "\(report.summary)")
    }

    /// Stray manifest is only a warning.
    @Test func strayManifestIsOnlyAWarning() async throws {
        var package = TestPackage.baseline()
        package.files["other.mf"] = Array("SHA256(pkg.ovf)= 00\n".utf8)
        let report = try await package.validate()
        #expect(report.findings("MF-001").count == 1)
        #expect(!report.has("OVF-REF-013", .error))
    }

    /// A stray manifest beside the package's own manifest is reported once, not by two rules.
    @Test func strayManifestBesideThePackageManifestIsReportedOnce() async throws {
        var package = TestPackage.baseline()
        let ovf = package.files["pkg.ovf"]!
        let disk = package.files["disk1.vmdk"]!
        let manifest = "SHA256(pkg.ovf)= \(StreamingHasher.digest(ovf, algorithm: .sha256))\n"
            + "SHA256(disk1.vmdk)= \(StreamingHasher.digest(disk, algorithm: .sha256))\n"
        package.files["pkg.mf"] = Array(manifest.utf8)
        package.files["other.mf"] = Array("SHA256(pkg.ovf)= 00\n".utf8)
        let report = try await package.validate()
        #expect(report.findings("MF-001").count == 1, "\(report.summary)")
        #expect(!report.hasErrors, "\(report.summary)")
    }
}
