//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import Testing

@testable import ContentLibraryClient

/// How `export --ova` lays out the archive: the member order DSP0243 asks and ustar headers
/// that tar readers accept, large disks included.
@Suite struct ExportLayoutTests {
    @Test func theDescriptorComesFirstThenTheManifestThenTheCertificateThenTheRestInOrder() {
        let names = ["disk2.vmdk", "pkg.cert", "disk1.vmdk", "pkg.mf", "pkg.ovf", "notes.txt"]
        let files = names.map { DownloadFileInfo(name: $0, status: .unprepared) }
        #expect(Exporter.ovaOrder(files).map(\.name) == ["pkg.ovf", "pkg.mf", "pkg.cert", "disk2.vmdk", "disk1.vmdk", "notes.txt"])
    }

    /// The header checksum: the sum of the header's bytes with the checksum field as spaces.
    static func checksumHolds(_ header: [UInt8]) -> Bool {
        let stored = Int(String(decoding: header[148..<154], as: UTF8.self), radix: 8)
        var blanked = header
        blanked.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        return stored == blanked.reduce(0) { $0 + Int($1) }
    }

    @Test func aHeaderHasTheNameSizeMagicAndAValidChecksum() throws {
        let header = try TarHeader.bytes(name: "disk1.vmdk", size: 1_000_000, modified: 1_700_000_000)
        #expect(header.count == 512)
        #expect(String(decoding: header[0..<10], as: UTF8.self) == "disk1.vmdk")
        #expect(Int(String(decoding: header[124..<135], as: UTF8.self), radix: 8) == 1_000_000)
        #expect(header[156] == UInt8(ascii: "0"))
        #expect(Array(header[257..<265]) == Array("ustar\u{0}00".utf8))
        #expect(Self.checksumHolds(header))
        #expect(TarHeader.padding(after: 1_000_000) == 512 - 1_000_000 % 512)
        #expect(TarHeader.padding(after: 1024) == 0)
    }

    @Test func aSizeOfEightGiBOrMoreIsBase256() throws {
        let size: Int64 = 20 << 30
        let header = try TarHeader.bytes(name: "big.vmdk", size: size, modified: 0)
        #expect(header[124] == 0x80)
        #expect(header[128..<136].reduce(Int64(0)) { $0 << 8 | Int64($1) } == size)
        #expect(Self.checksumHolds(header))
    }

    @Test func aNameThatDoesNotFitIsRefused() {
        #expect(throws: ClientError.self) { try TarHeader.bytes(name: String(repeating: "a", count: 101), size: 1, modified: 0) }
        #expect(throws: ClientError.self) { try TarHeader.bytes(name: "folder/file", size: 1, modified: 0) }
    }
}
