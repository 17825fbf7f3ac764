//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// Walks the headers of one `.ova` and collects its members and the findings of reading it.
///
/// It reads one 512-byte block per header, plus the small data of pax (`x`, `g`) and GNU
/// long-name (`L`) meta-entries; regular member data is skipped by offset arithmetic and
/// never read, and the archive is never copied.
struct OVATarReader {
    /// The largest pax or long-name meta-entry read; real ones are a few hundred bytes.
    static let metadataLimit: Int64 = 1 << 20

    /// The `.ova`'s session name.
    let ovaName: String
    /// Where its bytes are.
    let content: any ContentView
    /// The regular, safe members found, in archive order.
    private(set) var members: [Member] = []
    /// The findings so far.
    private(set) var findings: [Finding] = []

    /// A member of the archive.
    typealias Member = OVAArchive.Member

    /// Why the walk stopped early: a read failed, or a finding already explains it.
    private struct Stop: Error {}

    /// Creates a reader of `ovaName` in `content`.
    init(ovaName: String, content: any ContentView) {
        self.ovaName = ovaName
        self.content = content
    }

    /// Reads the archive; the results are in `members` and `findings`.
    mutating func run() async {
        guard let file = self.content.file(named: self.ovaName) else {
            self.error("OVA-001", "\(self.ovaName): the archive is not in the content.", [])
            return
        }
        do {
            try await self.walk(size: file.size)
        } catch {
            return  // a finding already says why
        }
        if !self.members.contains(where: { OVAArchive.hasExtension($0.name, "ovf") }) {
            self.error("OVA-004", "\(self.ovaName): the archive contains no OVF descriptor (.ovf).", [])
        }
    }

    /// Visits the headers from byte 0 until the end marker, the end of the file or a fatal finding.
    private mutating func walk(size fileSize: Int64) async throws(Stop) {
        let start = try await self.read(at: 0, count: 8)
        if let compression = OVACompression.detect(start) {
            // Deviation from the catalogue, which says "decompress and go on": validation needs
            // random access to members through ranges of the `.ova`, which a compressed stream
            // cannot give without unpacking it (project policy). So the OVA-003 warning comes
            // with an error that says the archive is not read.
            self.warning(
                "OVA-003", "\(self.ovaName): the OVA is \(compression.rawValue)-compressed; DSP0243 requires a plain tar.",
                [compression.rawValue]
            )
            self.error(
                "OVA-003",
                "\(self.ovaName): compressed OVAs are not read; unpack it and upload the plain tar or the files.",
                [compression.rawValue]
            )
            throw Stop()
        }

        var offset: Int64 = 0
        var headers = 0
        var sawV7 = false
        var globalPax = PaxHeader()
        var localPax = PaxHeader()
        var longName: String?
        var names: Set<String> = []
        while true {
            if offset >= fileSize {
                if headers == 0 {
                    self.error("OVA-001", "\(self.ovaName): the file is empty, not a tar archive.", [])
                    throw Stop()
                } else {
                    self.warning(
                        "OVA-002", "\(self.ovaName): the archive lacks its end-of-archive marker (two zero blocks).", []
                    )
                }
                return
            }
            let block = try await self.read(at: offset, count: TarHeader.blockSize)
            if block.count < TarHeader.blockSize {
                if headers == 0 {
                    self.error("OVA-001", "\(self.ovaName): not a tar archive (shorter than one header).", [])
                    throw Stop()
                } else {
                    self.error(
                        "OVA-002", "\(self.ovaName): the archive is truncated inside the header at byte \(offset).",
                        [String(offset)]
                    )
                }
                return
            }
            if TarHeader.isZeroBlock(block) {
                let next = try await self.read(at: offset + Int64(TarHeader.blockSize), count: TarHeader.blockSize)
                if !TarHeader.isZeroBlock(next) {
                    self.warning(
                        "OVA-002", "\(self.ovaName): the archive's end-of-archive marker is incomplete (one zero block).", []
                    )
                }
                return
            }
            let header: TarHeader
            do {
                header = try TarHeader(block: block)
            } catch {
                if headers == 0 {
                    self.error("OVA-001", "\(self.ovaName): not a tar archive: \(error.reason).", [error.reason])
                } else {
                    self.error(
                        "OVA-001", "\(self.ovaName): the tar header at byte \(offset) is damaged: \(error.reason).",
                        [String(offset), error.reason]
                    )
                }
                throw Stop()
            }
            headers += 1
            if header.format == .v7 && !sawV7 {
                sawV7 = true
                self.warning(
                    "OVA-001", "\(self.ovaName): an old v7 tar without the ustar magic; DSP0243 requires USTAR.", []
                )
            }

            let isMeta = [UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K")]
                .contains(header.typeflag)
            let pax = globalPax.merging(localPax)
            var size = header.size
            if !isMeta {
                do {
                    size = try pax.size() ?? header.size
                } catch {
                    self.error("OVA-001", "\(self.ovaName): \(error.reason).", [error.reason])
                    throw Stop()
                }
            }
            let name = isMeta ? header.name : (longName ?? pax.path ?? header.name)
            let dataOffset = offset + Int64(TarHeader.blockSize)
            if size > fileSize - dataOffset {
                self.error(
                    "OVA-002",
                    "\(self.ovaName): the member \(name) is truncated: it needs \(size) bytes but \(max(0, fileSize - dataOffset)) remain.",
                    [name, String(size), String(max(0, fileSize - dataOffset))]
                )
                return
            }

            switch header.typeflag {
            case UInt8(ascii: "x"), UInt8(ascii: "g"):
                let data = try await self.metadata(name: name, at: dataOffset, size: size)
                let records: PaxHeader
                do {
                    records = try PaxHeader(data: data)
                } catch {
                    self.error("OVA-001", "\(self.ovaName): \(error.reason) at byte \(offset).", [error.reason])
                    throw Stop()
                }
                if header.typeflag == UInt8(ascii: "x") {
                    localPax = localPax.merging(records)
                } else {
                    globalPax = globalPax.merging(records)
                }
            case UInt8(ascii: "L"):
                let data = try await self.metadata(name: name, at: dataOffset, size: size)
                longName = String(decoding: data.prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "K"):
                break  // a long link name: links are rejected anyway
            default:
                localPax = PaxHeader()
                longName = nil
                self.add(name: name, typeflag: header.typeflag, offset: dataOffset, size: size, names: &names)
            }
            offset = dataOffset + TarHeader.paddedSize(size)
        }
    }

    /// Adds a member when it is regular, safely named and new; otherwise reports OVA-009.
    private mutating func add(name: String, typeflag: UInt8, offset: Int64, size: Int64, names: inout Set<String>) {
        guard typeflag == UInt8(ascii: "0") || typeflag == 0 else {
            let kind = Self.kind(of: typeflag)
            self.error(
                "OVA-009", "\(self.ovaName): the member \(name) is \(kind), not a regular file; it is skipped.", [name, kind]
            )
            return
        }
        if let reason = OVAMemberName.violation(in: name) {
            self.error("OVA-009", "\(self.ovaName): the member \(name) has an unsafe name (\(reason)); it is skipped.", [name, reason])
            return
        }
        guard names.insert(name).inserted else {
            self.error(
                "OVA-009", "\(self.ovaName): the member \(name) appears more than once; only the first is used.", [name]
            )
            return
        }
        self.members.append(Member(name: name, offset: offset, size: size))
    }

    /// What a non-regular type flag is, for messages.
    private static func kind(of typeflag: UInt8) -> String {
        switch typeflag {
        case UInt8(ascii: "1"): "a hard link"
        case UInt8(ascii: "2"): "a symbolic link"
        case UInt8(ascii: "3"): "a character device"
        case UInt8(ascii: "4"): "a block device"
        case UInt8(ascii: "5"): "a directory"
        case UInt8(ascii: "6"): "a FIFO"
        case UInt8(ascii: "7"): "a contiguous file"
        case UInt8(ascii: "S"): "a GNU sparse file"
        default: "an entry of type \(typeflag >= 0x20 && typeflag < 0x7F ? String(UnicodeScalar(typeflag)) : String(typeflag))"
        }
    }

    /// Reads the data of a meta-entry (pax records, GNU long name), refusing absurd sizes.
    private mutating func metadata(name: String, at offset: Int64, size: Int64) async throws(Stop) -> [UInt8] {
        guard size <= Self.metadataLimit else {
            self.error(
                "OVA-001", "\(self.ovaName): the tar meta-entry \(name) is \(size) bytes, more than a header can need.",
                [name, String(size)]
            )
            throw Stop()
        }
        return try await self.read(at: offset, count: Int(size))
    }

    /// Reads up to `count` bytes at `offset`; a failed read becomes an OVA-001 error.
    private mutating func read(at offset: Int64, count: Int) async throws(Stop) -> [UInt8] {
        guard count > 0 else { return [] }
        do {
            return try await self.content.read(self.ovaName, offset: offset, count: count)
        } catch {
            self.error("OVA-001", "\(self.ovaName): the archive cannot be read: \(error).", [error.description])
            throw Stop()
        }
    }

    /// Records an error about the `.ova`; `args` follow its name.
    private mutating func error(_ rule: String, _ text: String, _ args: [String]) {
        self.findings.append(.error(rule, file: self.ovaName, text, args: [self.ovaName] + args))
    }

    /// Records an `OVA_LAYOUT` warning about the `.ova`; `args` follow its name.
    private mutating func warning(_ rule: String, _ text: String, _ args: [String]) {
        self.findings.append(.warning(rule, type: OVAArchive.warningType, file: self.ovaName, text, args: [self.ovaName] + args))
    }
}
