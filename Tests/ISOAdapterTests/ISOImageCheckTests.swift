//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdaptersTesting
import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import ISOAdapter
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The cost of the check (O(1) in the image size) and the real images of the fixture script.
@Suite struct ISOImageCheckTests {
    /// A fresh temporary folder.
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iso-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func fourGiBImageIsCheckedByReadingAFewSectors() async throws {
        let directory = try self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.iso").path
        let size: Int64 = 4 << 30
        let blocks = UInt32(size / 2048)
        var head = try ISOFixtures.bytes("plain.iso")
        let le: [UInt8] = [UInt8(blocks & 0xFF), UInt8(blocks >> 8 & 0xFF), UInt8(blocks >> 16 & 0xFF), UInt8(blocks >> 24)]
        head = ISOFixtures.patched(head, at: 32768 + 80, le + le.reversed())
        try Data(head).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDWR)
        #expect(fd >= 0)
        #expect(ftruncate(fd, off_t(size)) == 0)
        close(fd)

        let view = CountingContentView(try LocalContentView(paths: [path]))
        let report = await ISOAdapter().validate(view, options: ValidationOptions())
        #expect(view.files.map(\.size) == [size])
        #expect(report.findings.isEmpty, "\(report.findings)")
        #expect(view.bytesRead < 64 * 1024)
    }

    @Test func truncatedFourGiBImageIsFoundWithoutReadingIt() async throws {
        let directory = try self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cut.iso").path
        let blocks = UInt32((4 << 30) / 2048)
        let le: [UInt8] = [UInt8(blocks & 0xFF), UInt8(blocks >> 8 & 0xFF), UInt8(blocks >> 16 & 0xFF), UInt8(blocks >> 24)]
        let head = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: 32768 + 80, le + le.reversed())
        try Data(head).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDWR)
        #expect(ftruncate(fd, off_t(3 << 30)) == 0)
        close(fd)

        let view = CountingContentView(try LocalContentView(paths: [path]))
        let report = await ISOAdapter().validate(view, options: ValidationOptions())
        #expect(report.ruleIDs == ["ISO-006"])
        #expect(view.bytesRead < 64 * 1024)
    }

    /// Whether the tools of `make-fixtures.sh --all` are installed.
    static let toolsInstalled: Bool = {
        let files = FileManager.default
        return files.isExecutableFile(atPath: "/usr/bin/xorriso") && files.isExecutableFile(atPath: "/usr/bin/genisoimage")
            && (files.isExecutableFile(atPath: "/usr/bin/mkudffs") || files.isExecutableFile(atPath: "/usr/sbin/mkudffs"))
            && files.fileExists(atPath: "/usr/lib/ISOLINUX/isolinux.bin")
            && files.fileExists(atPath: "/usr/lib/ISOLINUX/isohdpfx.bin")
    }()

    @Test(.enabled(if: ISOImageCheckTests.toolsInstalled, "needs xorriso, genisoimage, udftools and isolinux"))
    func imagesOfTheRealToolsGetTheCatalogueVerdicts() async throws {
        let directory = try self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [ISOFixtures.directory.appendingPathComponent("make-fixtures.sh").path, directory.path, "--all"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let expected: [(String, [String])] = [
            ("plain.iso", []), ("joliet.iso", ["ISO-008"]), ("udf-bridge.iso", ["ISO-008"]), ("eltorito.iso", []),
            ("hybrid.iso", ["ISO-012"]), ("udf-only.img", ["ISO-010"]), ("trunc-tail.iso", ["ISO-006"]),
            ("trunc-head.iso", ["ISO-001"]), ("badmagic.iso", ["ISO-002"]), ("noterm.iso", ["ISO-004"]),
            ("padded.iso", ["ISO-007"]), ("badver.iso", ["ISO-003"]), ("lebe.iso", ["ISO-005"]),
            ("notiso.bin", ["ISO-002"]), ("tar-as-iso.iso", ["ISO-001"]),
        ]
        for (name, rules) in expected {
            let view = try LocalContentView(paths: [directory.appendingPathComponent(name).path])
            let report = await ISOAdapter().validate(view, options: ValidationOptions())
            #expect(report.ruleIDs == rules, "\(name): \(report.findings.map(\.message.defaultMessage))")
        }
    }
}
