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
import Testing

@testable import OVFAdapter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The OVA reader: each OVA rule triggered and not, member slicing, and O(1) reading.
@Suite struct OVAArchiveTests {
    /// The long disk name of the pax and GNU fixtures (more than 100 bytes).
    static let longDisk = "disk-with-a-name-longer-than-the-one-hundred-bytes-of-a-ustar-name-field-"
        + String(repeating: "x", count: 40) + ".vmdk"

    /// References to `names`, in order.
    private func references(_ names: [String]) -> [FileReference] {
        names.enumerated().map { FileReference(id: "file\($0.offset)", href: $0.element) }
    }

    /// Reads a fixture or bytes as `package.ova`.
    private func read(_ bytes: [UInt8]) async -> OVAArchive {
        await OVAArchive.read("package.ova", from: CountingContentView(MemoryContentView(name: "package.ova", bytes: bytes)))
    }

    private func rules(_ findings: [Finding]) -> [String] { findings.map(\.ruleID) }

    /// The members of `good-ustar.ova`, laid out from the sizes of the `good.*` copies that
    /// make-fixtures.py writes beside it: each member's data follows its 512-byte header and is
    /// padded to a whole block, so the offsets follow the generated descriptor's size.
    static func ustarLayout() throws -> [OVAArchive.Member] {
        var offset: Int64 = 0
        return try ["vm.ovf", "vm.mf", "disk1.vmdk", "disk2.vmdk"].map { name in
            let size = Int64(try OVATarBuilder.fixture("good." + name).count)
            defer { offset += 512 + (size + 511) / 512 * 512 }
            return OVAArchive.Member(name: name, offset: offset + 512, size: size)
        }
    }

    /// Where the header of `vm.mf`, the second member of `good-ustar.ova`, starts.
    static func manifestHeader() throws -> Int { Int(try self.ustarLayout()[1].offset) - 512 }

    // MARK: well-formed archives and member slicing

    @Test(arguments: ["good-ustar.ova", "good-pax.ova", "good-gnu.ova"])
    func wellFormedArchivesReadCleanly(fixture: String) async throws {
        let archive = await self.read(try OVATarBuilder.fixture(fixture))
        #expect(archive.findings.isEmpty, "\(archive.findings)")
        #expect(archive.members.count == 4)
        #expect(archive.members.first?.name == "vm.ovf")
        let disks = archive.members.suffix(2).map(\.name)
        #expect(archive.layoutFindings(descriptorName: "vm.ovf", references: self.references(disks)).isEmpty)
    }

    @Test func ustarMembersAreSlicedAtTheirOffsets() async throws {
        let view = CountingContentView(MemoryContentView(name: "package.ova", bytes: try OVATarBuilder.fixture("good-ustar.ova")))
        let archive = await OVAArchive.read("package.ova", from: view)
        #expect(archive.members == (try Self.ustarLayout()))
        let members = archive.view(over: view)
        for name in ["vm.ovf", "vm.mf", "disk1.vmdk", "disk2.vmdk"] {
            let bytes = try await members.readAll(name, limit: 1 << 20)
            #expect(bytes == (try OVATarBuilder.fixture("good." + name)), "\(name)")
        }
    }

    @Test(arguments: ["good-pax.ova", "good-gnu.ova"])
    func longNamesComeFromPaxAndGNUEntries(fixture: String) async throws {
        let view = CountingContentView(MemoryContentView(name: "package.ova", bytes: try OVATarBuilder.fixture(fixture)))
        let archive = await OVAArchive.read("package.ova", from: view)
        #expect(archive.members.map(\.name) == ["vm.ovf", "vm.mf", "disk1.vmdk", Self.longDisk])
        let members = archive.view(over: view)
        #expect(try await members.readAll(Self.longDisk, limit: 4096) == (try OVATarBuilder.fixture("good.long-disk.vmdk")))
        #expect(try await members.readAll("disk1.vmdk", limit: 4096) == (try OVATarBuilder.fixture("good.disk1.vmdk")))
        let descriptor = String(decoding: try await members.readAll("vm.ovf", limit: 4096), as: UTF8.self)
        #expect(descriptor.contains(Self.longDisk))
    }

    @Test func paxFixtureStartsWithMetaEntries() throws {
        let bytes = try OVATarBuilder.fixture("good-pax.ova")
        #expect(bytes[156] == UInt8(ascii: "g"))  // tarfile's global header, one block of records
        #expect(bytes[1024 + 156] == UInt8(ascii: "x"))  // then the descriptor's own pax header, as COT writes
    }

    @Test func paxSizeRecordOverridesTheHeader() async {
        let records = "16 size=0000003\n"
        var bytes = OVATarBuilder.header(name: "PaxHeader", size: Int64(records.utf8.count), typeflag: UInt8(ascii: "x"))
        bytes += Array(records.utf8) + [UInt8](repeating: 0, count: 512 - records.utf8.count)
        bytes += OVATarBuilder.header(name: "vm.ovf", size: 0) + Array("abc".utf8) + [UInt8](repeating: 0, count: 509 + 1024)
        let archive = await self.read(bytes)
        #expect(archive.findings.isEmpty, "\(archive.findings)")
        #expect(archive.members == [.init(name: "vm.ovf", offset: 1536, size: 3)])
    }

    @Test func malformedPaxRecordIsNotATar() async {
        let records = "99 path=x\n"
        var bytes = OVATarBuilder.header(name: "PaxHeader", size: Int64(records.utf8.count), typeflag: UInt8(ascii: "x"))
        bytes += Array(records.utf8) + [UInt8](repeating: 0, count: 512 - records.utf8.count + 1024)
        #expect(self.rules(await self.read(bytes).findings) == ["OVA-001"])
    }

    /// Regression (fuzz target `ova`, fixtures/fuzz/ova/pax-length-overflow.ova): a pax record
    /// after the first whose length is near `Int.max` overflowed `index + length` and trapped;
    /// it is a malformed record like any other.
    @Test func paxRecordLengthNearIntMaxIsMalformed() async throws {
        let bytes = [UInt8](try Data(contentsOf: OVATarBuilder.fixtures.deletingLastPathComponent()
            .appendingPathComponent("fuzz/ova/pax-length-overflow.ova")))
        #expect(self.rules(await self.read(bytes).findings) == ["OVA-001"])
    }

    // MARK: OVA-001

    @Test func randomBytesAreNotATar() async {
        let bytes = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let archive = await self.read(bytes)
        #expect(self.rules(archive.findings) == ["OVA-001"])
        #expect(archive.findings[0].severity == .error)
        #expect(archive.findings[0].file == "package.ova")
    }

    @Test func emptyFileIsNotATar() async {
        #expect(self.rules(await self.read([]).findings) == ["OVA-001"])
    }

    @Test func damagedSecondHeaderIsAnError() async throws {
        var bytes = try OVATarBuilder.fixture("good-ustar.ova")
        let header = try Self.manifestHeader()
        bytes[header + 10] ^= 0xFF  // the name of vm.mf's header
        let archive = await self.read(bytes)
        #expect(self.rules(archive.findings) == ["OVA-001"])
        #expect(archive.findings[0].message.defaultMessage.contains("byte \(header)"))
        #expect(archive.members.map(\.name) == ["vm.ovf"])
    }

    @Test func v7HeaderIsAWarning() async {
        let bytes = OVATarBuilder.archive([.init(name: "vm.ovf", data: Array("x".utf8))], format: .v7)
        let archive = await self.read(bytes)
        #expect(self.rules(archive.findings) == ["OVA-001"])
        #expect(archive.findings[0].severity == .warning)
        #expect(archive.findings[0].warningType == "OVA_LAYOUT")
        #expect(archive.members.map(\.name) == ["vm.ovf"])
    }

    @Test func signedChecksumAndBase256SizeAreAccepted() async {
        var bytes = OVATarBuilder.header(name: "vm-\u{e9}.ovf", size: 3, signedChecksum: true, base256Size: true)
        bytes += Array("abc".utf8) + [UInt8](repeating: 0, count: 509 + 1024)
        let archive = await self.read(bytes)
        #expect(archive.findings.isEmpty, "\(archive.findings)")
        #expect(archive.members == [.init(name: "vm-\u{e9}.ovf", offset: 512, size: 3)])
    }

    @Test func gnuHeaderIsNotV7() async {
        let bytes = OVATarBuilder.archive([.init(name: "vm.ovf", data: [1])], format: .gnu)
        #expect(await self.read(bytes).findings.isEmpty)
    }

    // MARK: OVA-002

    @Test func truncatedMemberIsAnError() async throws {
        let archive = await self.read(try OVATarBuilder.fixture("truncated.ova"))
        #expect(self.rules(archive.findings) == ["OVA-002"])
        #expect(archive.findings[0].severity == .error)
        #expect(archive.findings[0].message.args.contains("disk1.vmdk"))
        #expect(archive.members.map(\.name) == ["vm.ovf", "vm.mf"])
    }

    @Test func truncatedHeaderIsAnError() async throws {
        let bytes = Array(try OVATarBuilder.fixture("good-ustar.ova").prefix(try Self.manifestHeader() + 100))
        let archive = await self.read(bytes)
        #expect(self.rules(archive.findings) == ["OVA-002"])
        #expect(archive.findings[0].severity == .error)
    }

    @Test func missingEndMarkerIsAWarning() async throws {
        let bytes = try OVATarBuilder.fixture("good-ustar.ova")
        let archive = await self.read(Array(bytes.dropLast(1024)))
        #expect(self.rules(archive.findings) == ["OVA-002"])
        #expect(archive.findings[0].severity == .warning)
        #expect(archive.members.count == 4)
    }

    @Test func halfEndMarkerIsAWarning() async throws {
        let archive = await self.read(Array(try OVATarBuilder.fixture("good-ustar.ova").dropLast(512)))
        #expect(self.rules(archive.findings) == ["OVA-002"])
        #expect(archive.findings[0].severity == .warning)
    }

    @Test func completeArchiveHasNoTruncation() async throws {
        #expect(await self.read(try OVATarBuilder.fixture("good-ustar.ova")).findings.isEmpty)
    }

    // MARK: OVA-003

    @Test func gzipOVAIsWarnedAndRefused() async throws {
        let archive = await self.read(try OVATarBuilder.fixture("gzip.ova"))
        #expect(self.rules(archive.findings) == ["OVA-003", "OVA-003"])
        #expect(archive.findings.map(\.severity) == [.warning, .error])
        #expect(archive.findings[0].warningType == "OVA_LAYOUT")
        #expect(archive.members.isEmpty)
    }

    @Test func plainTarIsNotCompressed() async throws {
        #expect(self.rules(await self.read(try OVATarBuilder.fixture("good-gnu.ova")).findings).isEmpty)
    }

    // MARK: OVA-004

    @Test func archiveWithoutDescriptorIsAnError() async throws {
        let archive = await self.read(try OVATarBuilder.fixture("no-ovf.ova"))
        #expect(self.rules(archive.findings) == ["OVA-004"])
        #expect(archive.findings[0].severity == .error)
        #expect(archive.members.count == 3)
    }

    @Test func emptyArchiveHasNoDescriptor() async {
        #expect(self.rules(await self.read([UInt8](repeating: 0, count: 1024)).findings) == ["OVA-004"])
    }

    // MARK: OVA-005

    @Test func severalDescriptorsAreAWarning() async {
        let archive = await self.read(OVATarBuilder.archive(names: ["vm.ovf", "other.ovf"]))
        let findings = archive.layoutFindings(descriptorName: "vm.ovf", references: [])
        #expect(self.rules(findings) == ["OVA-005"])
        #expect(findings[0].severity == .warning)
        #expect(findings[0].message.defaultMessage.contains("other.ovf"))
    }

    @Test func oneDescriptorIsFine() async {
        let archive = await self.read(OVATarBuilder.archive(names: ["vm.ovf"]))
        #expect(archive.layoutFindings(descriptorName: "vm.ovf", references: []).isEmpty)
    }

    // MARK: OVA-006, OVA-008

    @Test func wrongOrderIsWarned() async throws {
        let archive = await self.read(try OVATarBuilder.fixture("wrong-order.ova"))
        #expect(archive.findings.isEmpty)
        let findings = archive.layoutFindings(
            descriptorName: "vm.ovf", references: self.references(["disk1.vmdk", "disk2.vmdk"])
        )
        #expect(self.rules(findings) == ["OVA-006", "OVA-008"])
        #expect(findings.allSatisfy { $0.severity == .warning && $0.warningType == "OVA_LAYOUT" && $0.file == "package.ova" })
        #expect(findings[0].message.args.contains("disk2.vmdk"))
    }

    @Test func chunkedPartsInOrderAreFine() async {
        let names = ["vm.ovf", "disk.vmdk.000000000", "disk.vmdk.000000001"]
        let archive = await self.read(OVATarBuilder.archive(names: names))
        let chunked = FileReference(id: "file1", href: "disk.vmdk", chunkSize: 1)
        #expect(archive.layoutFindings(descriptorName: "vm.ovf", references: [chunked]).isEmpty)
    }

    @Test func chunkedPartsOutOfOrderAreWarned() async {
        let names = ["vm.ovf", "disk.vmdk.000000001", "disk.vmdk.000000000"]
        let archive = await self.read(OVATarBuilder.archive(names: names))
        let chunked = FileReference(id: "file1", href: "disk.vmdk", chunkSize: 1)
        #expect(self.rules(archive.layoutFindings(descriptorName: "vm.ovf", references: [chunked])) == ["OVA-008"])
    }

    // MARK: OVA-007

    @Test(arguments: [
        ["vm.ovf", "vm.mf", "vm.cert", "a.vmdk"], ["vm.ovf", "a.vmdk", "vm.mf", "vm.cert"], ["vm.ovf", "vm.mf", "a.vmdk"],
        ["vm.ovf", "a.vmdk", "vm.mf"], ["vm.ovf", "a.vmdk"],
    ])
    func manifestAndCertificateTogetherAreFine(names: [String]) async {
        let archive = await self.read(OVATarBuilder.archive(names: names))
        #expect(archive.layoutFindings(descriptorName: "vm.ovf", references: self.references(["a.vmdk"])).isEmpty)
    }

    @Test(arguments: [["vm.ovf", "vm.mf", "a.vmdk", "vm.cert"], ["vm.ovf", "a.vmdk", "vm.mf", "b.vmdk"]])
    func manifestAndCertificateApartAreWarned(names: [String]) async {
        let archive = await self.read(OVATarBuilder.archive(names: names))
        let findings = archive.layoutFindings(descriptorName: "vm.ovf", references: self.references(["a.vmdk", "b.vmdk"]))
        #expect(self.rules(findings) == ["OVA-007"])
    }

    // MARK: OVA-009

    @Test func unsafeAndNonRegularMembersAreErrorsAndSkipped() async throws {
        let archive = await self.read(try OVATarBuilder.fixture("unsafe.ova"))
        #expect(self.rules(archive.findings) == ["OVA-009", "OVA-009"])
        #expect(archive.findings.allSatisfy { $0.severity == .error && $0.file == "package.ova" })
        #expect(archive.findings[0].message.args.contains("../evil"))
        #expect(archive.findings[1].message.defaultMessage.contains("directory"))
        #expect(archive.members.map(\.name) == ["vm.ovf", "vm.mf", "disk1.vmdk", "disk2.vmdk"])
    }

    @Test func symlinkIsAnErrorAndSkipped() async throws {
        let archive = await self.read(try OVATarBuilder.fixture("symlink.ova"))
        #expect(self.rules(archive.findings) == ["OVA-009"])
        #expect(archive.findings[0].message.defaultMessage.contains("symbolic link"))
        #expect(!archive.members.map(\.name).contains("disk2.vmdk"))
    }

    @Test(arguments: ["/etc/passwd", "a\\b.vmdk", "dir/disk.vmdk", "..", "./disk.vmdk"])
    func unsafeNamesAreErrors(name: String) async {
        let archive = await self.read(OVATarBuilder.archive(names: ["vm.ovf", name]))
        #expect(self.rules(archive.findings) == ["OVA-009"], "\(name)")
        #expect(archive.members.map(\.name) == ["vm.ovf"])
    }

    @Test func duplicateMemberIsAnError() async {
        let archive = await self.read(OVATarBuilder.archive(names: ["vm.ovf", "a.vmdk", "a.vmdk"]))
        #expect(self.rules(archive.findings) == ["OVA-009"])
        #expect(archive.members.map(\.name) == ["vm.ovf", "a.vmdk"])
        #expect(archive.members[1].offset == 1536)
    }

    @Test(arguments: [UInt8(ascii: "1"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "6")])
    func linksAndDevicesAreErrors(typeflag: UInt8) async {
        let bytes = OVATarBuilder.archive([.init(name: "vm.ovf"), .init(name: "dev", typeflag: typeflag)])
        #expect(self.rules(await self.read(bytes).findings) == ["OVA-009"])
    }

    // MARK: OVA-011

    @Test func unreferencedMemberIsAWarning() async {
        let archive = await self.read(OVATarBuilder.archive(names: ["vm.ovf", "vm.mf", "a.vmdk", "notes.txt"]))
        let findings = archive.layoutFindings(descriptorName: "vm.ovf", references: self.references(["a.vmdk"]))
        #expect(self.rules(findings) == ["OVA-011"])
        #expect(findings[0].message.args.contains("notes.txt"))
    }

    @Test func descriptorManifestCertificateAndReferencesAreNotExtra() async {
        let archive = await self.read(OVATarBuilder.archive(names: ["vm.ovf", "vm.mf", "vm.cert", "a.vmdk"]))
        #expect(archive.layoutFindings(descriptorName: "vm.ovf", references: self.references(["a.vmdk"])).isEmpty)
    }

    // MARK: cost

    @Test func largeMemberDataIsNeverRead() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ova-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.ova").path
        let descriptor = Array("<Envelope/>".utf8)
        let big: Int64 = 64 << 20
        var head = OVATarBuilder.header(name: "vm.ovf", size: Int64(descriptor.count)) + descriptor
        head += [UInt8](repeating: 0, count: 512 - descriptor.count)
        head += OVATarBuilder.header(name: "big.vmdk", size: big)
        try Data(head).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDWR)
        #expect(fd >= 0)
        #expect(ftruncate(fd, off_t(Int64(head.count) + big + 1024)) == 0)  // a hole, then the zero end blocks
        close(fd)

        let view = CountingContentView(try LocalContentView(paths: [path]))
        let archive = await OVAArchive.read("big.ova", from: view)
        #expect(archive.findings.isEmpty, "\(archive.findings)")
        #expect(archive.members == [.init(name: "vm.ovf", offset: 512, size: 11), .init(name: "big.vmdk", offset: 1536, size: big)])
        #expect(view.bytesRead < 64 * 1024)
        #expect(archive.layoutFindings(descriptorName: "vm.ovf", references: self.references(["big.vmdk"])).isEmpty)
        #expect(view.bytesRead < 64 * 1024)
    }
}
