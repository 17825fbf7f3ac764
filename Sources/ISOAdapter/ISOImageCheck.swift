//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// Checks one file of an ISO item as a disc image: rules ISO-001 to ISO-012.
///
/// The check is O(1) in the image size: it reads the volume descriptors from sector 16 on
/// (at most 64 slots), the El Torito catalog's first bytes, the MBR signature and the UDF
/// anchor tags, and compares sizes with `ContentFile.size`. It never reads file data, so a
/// 4 GiB image costs the same as a 40 KiB one.
struct ISOImageCheck: Sendable {
    /// The file being checked.
    let file: ContentFile
    /// Where its bytes are.
    let content: any ContentView

    /// What the descriptor walk found.
    private struct Walk {
        /// Whether sector 16 is a `CD001` descriptor.
        var isISO9660 = false
        /// The first PVD with a valid version.
        var primary: PrimaryVolumeDescriptor?
        /// Whether any type-1 descriptor preceded the terminator, whatever its version.
        var sawPrimary = false
        /// Whether the set terminator was found.
        var sawTerminator = false
        /// Whether the walk ran into the end of the file.
        var hitEndOfFile = false
        /// The boot records of the set.
        var bootRecords: [ElToritoBootRecord] = []
        /// The Joliet levels of the SVDs.
        var jolietLevels: [Int] = []
        /// The UDF recognition sequence.
        var udf = UDFRecognition()
        /// `(sector, type, version)` of each `CD001` descriptor with a version other than 1.
        var badVersions: [(sector: Int, type: UInt8, version: UInt8)] = []
    }

    /// Why a read failed; reported as ISO-001, since the image cannot be read as a disc either.
    private struct ReadFailure: Error {
        /// The view's explanation.
        let reason: String
    }

    /// Creates the check of `file`, read through `content`.
    init(file: ContentFile, content: any ContentView) {
        self.file = file
        self.content = content
    }

    /// The session name of the image, for findings.
    private var name: String { self.file.name }
    /// The stored size, the only size the checks trust.
    private var size: Int64 { self.file.size }

    /// Runs every rule and returns the findings, in rule order.
    func findings() async -> [Finding] {
        guard self.size >= ISOLayout.minimumImageSize else {
            return [.error(
                "ISO-001", file: self.name,
                "\(self.name): \(self.size) bytes is too small for an ISO image; sector 16 ends at byte \(ISOLayout.minimumImageSize), so the image is truncated or not an image.",
                args: [self.name, String(self.size)]
            )]
        }
        do {
            return try await self.checkedFindings()
        } catch {
            return [.error(
                "ISO-001", file: self.name, "\(self.name): the image cannot be read: \(error.reason).",
                args: [self.name, error.reason]
            )]
        }
    }

    /// The rules after ISO-001, which need reads; a failed read aborts them.
    private func checkedFindings() async throws(ReadFailure) -> [Finding] {
        let walk = try await self.walkDescriptors()
        guard walk.isISO9660 || walk.udf.isComplete else {
            return [.error(
                "ISO-002", file: self.name,
                "\(self.name): not an ISO image: sector 16 holds neither an ISO 9660 volume descriptor (CD001) nor a UDF volume recognition sequence.",
                args: [self.name]
            )]
        }
        var findings: [Finding] = []
        if walk.isISO9660 {
            findings += self.descriptorSetFindings(walk)
            if let primary = walk.primary { findings += self.primaryFindings(primary) }
            for level in walk.jolietLevels {
                findings.append(.info(
                    "ISO-008", file: self.name, "\(self.name): Joliet supplementary volume descriptor, level \(level).",
                    args: [self.name, String(level)]
                ))
            }
            for record in walk.bootRecords {
                if let problem = try await self.bootProblem(record, primary: walk.primary) {
                    findings.append(self.warning("ISO-009", "\(self.name): not bootable: \(problem).", [problem]))
                }
            }
        } else if self.size % Int64(ISOLayout.sectorSize) != 0 {
            findings.append(self.warning(
                "ISO-007", "\(self.name): the size, \(self.size) bytes, is not a multiple of 2048.", [String(self.size)]
            ))
        }
        if walk.udf.isComplete {
            findings += try await self.udfFindings(bridge: walk.isISO9660, walk.udf)
        }
        if try await self.read(at: 510, count: 2) == [0x55, 0xAA] {
            findings.append(.info(
                "ISO-012", file: self.name, "\(self.name): the system area holds an MBR (55 AA): an isohybrid image.",
                args: [self.name]
            ))
        }
        return findings
    }

    /// Visits the descriptor slots from sector 16 until the recognition area ends.
    ///
    /// The ISO 9660 set ends at its terminator; the UDF VRS may follow it (bridge) or stand
    /// alone at sector 16. A slot with an unknown identifier, the end of the file or the
    /// 64-slot limit ends the walk.
    private func walkDescriptors() async throws(ReadFailure) -> Walk {
        var walk = Walk()
        for slot in 0..<ISOLayout.maximumDescriptors {
            let sector = ISOLayout.firstDescriptorSector + slot
            let offset = Int64(sector) * Int64(ISOLayout.sectorSize)
            guard let descriptor = VolumeDescriptor(bytes: try await self.read(at: offset, count: ISOLayout.sectorSize))
            else {
                walk.hitEndOfFile = true
                break
            }
            if descriptor.isISO9660 {
                if slot == 0 { walk.isISO9660 = true }
                if walk.sawTerminator { continue }
                if descriptor.version != 1 {
                    walk.badVersions.append((sector, descriptor.type, descriptor.version))
                }
                switch descriptor.kind {
                case .primary:
                    walk.sawPrimary = true
                    if walk.primary == nil && descriptor.version == 1 { walk.primary = PrimaryVolumeDescriptor(descriptor) }
                case .supplementary:
                    if let level = descriptor.jolietLevel { walk.jolietLevels.append(level) }
                case .bootRecord:
                    if descriptor.version == 1 { walk.bootRecords.append(ElToritoBootRecord(descriptor)) }
                case .terminator:
                    walk.sawTerminator = true
                case .partition, nil:
                    break
                }
            } else if UDFRecognition.isRecognitionIdentifier(descriptor.identifier) {
                walk.udf.record(descriptor.identifier)
                if walk.udf.isComplete && (walk.sawTerminator || !walk.isISO9660) { break }
            } else {
                break
            }
        }
        return walk
    }

    /// ISO-003 and ISO-004: descriptor versions, the PVD and the terminator.
    private func descriptorSetFindings(_ walk: Walk) -> [Finding] {
        var findings: [Finding] = []
        for bad in walk.badVersions {
            findings.append(.error(
                "ISO-003", file: self.name,
                "\(self.name): the volume descriptor of type \(bad.type) in sector \(bad.sector) has version \(bad.version); ISO 9660 requires 1.",
                args: [self.name, String(bad.type), String(bad.sector), String(bad.version)]
            ))
        }
        if !walk.sawPrimary {
            findings.append(.error(
                "ISO-004", file: self.name,
                "\(self.name): the volume descriptor set has no primary volume descriptor before its terminator.",
                args: [self.name]
            ))
        }
        if !walk.sawTerminator {
            let reason =
                walk.hitEndOfFile
                ? "the file ends before the set terminator"
                : "no set terminator follows within \(ISOLayout.maximumDescriptors) descriptors"
            findings.append(.error(
                "ISO-004", file: self.name, "\(self.name): the volume descriptor set is not terminated: \(reason).",
                args: [self.name, reason]
            ))
        }
        return findings
    }

    /// ISO-005, ISO-006 and ISO-007: the PVD's size fields against each other and the file.
    private func primaryFindings(_ primary: PrimaryVolumeDescriptor) -> [Finding] {
        var findings: [Finding] = []
        if !primary.blockSizeConsistent {
            findings.append(.error(
                "ISO-005", file: self.name,
                "\(self.name): the little- and big-endian logical block sizes disagree (\(primary.logicalBlockSizeLE) and \(primary.logicalBlockSizeBE)).",
                args: [self.name, String(primary.logicalBlockSizeLE), String(primary.logicalBlockSizeBE)]
            ))
        } else if !primary.blockSizeValid {
            findings.append(.error(
                "ISO-005", file: self.name,
                "\(self.name): the logical block size \(primary.logicalBlockSizeLE) is not a power of two from 512 to 2048.",
                args: [self.name, String(primary.logicalBlockSizeLE)]
            ))
        } else if primary.logicalBlockSizeLE != UInt16(ISOLayout.sectorSize) {
            findings.append(self.warning(
                "ISO-005", "\(self.name): the logical block size is \(primary.logicalBlockSizeLE), not 2048; few readers support that.",
                [String(primary.logicalBlockSizeLE)]
            ))
        }
        if !primary.spaceSizeConsistent {
            findings.append(.error(
                "ISO-005", file: self.name,
                "\(self.name): the little- and big-endian volume space sizes disagree (\(primary.volumeSpaceSizeLE) and \(primary.volumeSpaceSizeBE) blocks).",
                args: [self.name, String(primary.volumeSpaceSizeLE), String(primary.volumeSpaceSizeBE)]
            ))
        }
        if primary.fileStructureVersion != 1 {
            findings.append(self.warning(
                "ISO-005", "\(self.name): the file structure version is \(primary.fileStructureVersion), not 1.",
                [String(primary.fileStructureVersion)]
            ))
        }
        guard let volumeBytes = primary.volumeBytes else { return findings }
        if volumeBytes > self.size {
            findings.append(.error(
                "ISO-006", file: self.name,
                "\(self.name): the volume claims \(volumeBytes) bytes but the file has \(self.size); the image is truncated.",
                args: [self.name, String(volumeBytes), String(self.size)]
            ))
        }
        var oddities: [String] = []
        if self.size > volumeBytes { oddities.append("\(self.size - volumeBytes) bytes follow the \(volumeBytes)-byte volume") }
        if self.size % Int64(ISOLayout.sectorSize) != 0 { oddities.append("the size, \(self.size) bytes, is not a multiple of 2048") }
        if !oddities.isEmpty {
            let reason = oddities.joined(separator: " and ")
            findings.append(self.warning("ISO-007", "\(self.name): \(reason).", [reason]))
        }
        return findings
    }

    /// ISO-009: why a boot record would not boot, or `nil` when its catalog is sound.
    private func bootProblem(_ record: ElToritoBootRecord, primary: PrimaryVolumeDescriptor?) async throws(ReadFailure) -> String? {
        guard record.isElTorito else {
            return "the boot record's system id is \"\(record.systemID)\", not \"\(ElToritoBootRecord.elToritoSystemID)\""
        }
        // The catalog block counts in the PVD's block size when the PVD is trustworthy.
        let trusted = primary.flatMap { $0.volumeBytes != nil ? $0 : nil }
        let blockSize = Int64(trusted.map { Int($0.logicalBlockSizeLE) } ?? ISOLayout.sectorSize)
        let block = Int64(record.catalogBlock)
        let outsideVolume = trusted.map { block >= Int64($0.volumeSpaceSizeLE) } ?? false
        let offset = block * blockSize
        if outsideVolume || offset + Int64(ElToritoCatalog.validationEntrySize) > self.size {
            return "the El Torito boot catalog block \(block) lies outside the volume"
        }
        guard let catalog = ElToritoCatalog(bytes: try await self.read(at: offset, count: ElToritoCatalog.validationEntrySize))
        else { return "the El Torito boot catalog cannot be read" }
        return catalog.problem.map { "the El Torito boot catalog at block \(block) is damaged: \($0)" }
    }

    /// ISO-010 and ISO-011: a UDF file system needs an anchor; a UDF-only image is flagged.
    private func udfFindings(bridge: Bool, _ udf: UDFRecognition) async throws(ReadFailure) -> [Finding] {
        var anchored = false
        for candidate in UDFAnchor.candidates(fileSize: self.size) {
            let tag = try await self.read(at: candidate.offset, count: UDFAnchor.tagSize)
            if UDFAnchor.isAnchor(tag, block: candidate.block) {
                anchored = true
                break
            }
        }
        if !anchored {
            let text = "\(self.name): a UDF volume recognition sequence is present but no anchor volume descriptor pointer was found at block 256, N−256 or N−1."
            return [bridge ? self.warning("ISO-011", text, []) : .error("ISO-011", file: self.name, text, args: [self.name])]
        }
        if bridge { return [] }
        let revision = udf.nsr ?? ""
        return [self.warning(
            "ISO-010",
            "\(self.name): a UDF-only image (\(revision), no ISO 9660 descriptors): valid, but tools that read only ISO 9660 cannot open it.",
            [revision]
        )]
    }

    /// An `ISO_LAYOUT` warning about this file; `args` follow the file name.
    private func warning(_ rule: String, _ text: String, _ args: [String]) -> Finding {
        .warning(rule, type: ISOLayout.warningType, file: self.name, text, args: [self.name] + args)
    }

    /// Reads up to `count` bytes at `offset`; fewer at the end of the file.
    private func read(at offset: Int64, count: Int) async throws(ReadFailure) -> [UInt8] {
        do {
            return try await self.content.read(self.name, offset: offset, count: count)
        } catch {
            throw ReadFailure(reason: error.description)
        }
    }
}
