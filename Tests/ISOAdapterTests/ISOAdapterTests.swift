//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryAdaptersTesting
import ContentLibraryModel
import Foundation
import ISOAdapter
import Testing

/// One test per rule that triggers it and one that does not, through the public adapter.
@Suite struct ISOAdapterTests {
    /// The sector offset of the first volume descriptor.
    let pvd = 32768

    @Test func declaresTheLayoutWarningIgnoredByDefault() {
        let declarations = ISOAdapter().warningDeclarations
        #expect(declarations.map(\.type) == ["ISO_LAYOUT"])
        #expect(declarations.allSatisfy { $0.ignoredByDefault })
        #expect(ISOAdapter().itemType == "iso")
    }

    @Test(arguments: ["plain.iso", "joliet.iso", "udf-bridge.iso", "eltorito.iso"])
    func wellFormedImagesHaveNoErrorsOrWarnings(name: String) async throws {
        let report = await ISOFixtures.validate(try ISOFixtures.bytes(name), name: name)
        #expect(!report.hasErrors)
        #expect(report.warnings.isEmpty, "\(report.findings)")
    }

    @Test func plainImageHasNoFindingsAtAll() async throws {
        let report = await ISOFixtures.validate(try ISOFixtures.bytes("plain.iso"))
        #expect(report.findings.isEmpty)
    }

    // MARK: ISO-001

    @Test func truncatedInsideTheDescriptorsIsTooSmall() async throws {
        let report = await ISOFixtures.validate(Array(try ISOFixtures.bytes("plain.iso").prefix(34000)))
        #expect(report.ruleIDs == ["ISO-001"])
        #expect(report.findings[0].severity == .error)
        #expect(report.invalidFiles.map(\.name) == ["image.iso"])
    }

    @Test func sector16ExactlyReadableIsNotTooSmall() async throws {
        let report = await ISOFixtures.validate(Array(try ISOFixtures.bytes("plain.iso").prefix(34816)))
        #expect(report.findings("ISO-001").isEmpty)
    }

    @Test func emptyFileIsTooSmall() async {
        #expect(await ISOFixtures.validate([]).ruleIDs == ["ISO-001"])
    }

    // MARK: ISO-002

    @Test func badMagicIsNotAnISO() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 1, Array("CD002".utf8))
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-002"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func smallTarArchiveIsTooSmall() async throws {
        #expect(await ISOFixtures.validate(try ISOFixtures.bytes("tar-as-iso.iso")).ruleIDs == ["ISO-001"])
    }

    @Test func tarArchiveIsNotAnISO() async throws {
        let tar = try ISOFixtures.bytes("tar-as-iso.iso")
        let report = await ISOFixtures.validate(tar + [UInt8](repeating: 0, count: 65536 - tar.count))
        #expect(report.ruleIDs == ["ISO-002"])
    }

    @Test func randomBytesAreNotAnISO() async {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(await ISOFixtures.validate(bytes).ruleIDs == ["ISO-002"])
    }

    @Test func udfRecognitionSequenceAloneIsNotRejectedAsNonISO() async {
        #expect(await ISOFixtures.validate(ISOFixtures.udfOnly()).findings("ISO-002").isEmpty)
    }

    // MARK: ISO-003

    @Test func badDescriptorVersionIsAnError() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 6, [2])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-003"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func badTerminatorVersionIsAnError() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 2048 + 6, [0])
        #expect(await ISOFixtures.validate(bytes).ruleIDs == ["ISO-003"])
    }

    // MARK: ISO-004

    @Test func missingTerminatorIsAnError() async throws {
        let bytes = ISOFixtures.patched(
            try ISOFixtures.bytes("plain.iso"), at: pvd + 2048, [UInt8](repeating: 0, count: 2048)
        )
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-004"])
        #expect(report.findings[0].message.defaultMessage.contains("not terminated"))
    }

    @Test func missingPrimaryIsAnError() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd, [2])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-004"])
        #expect(report.findings[0].message.defaultMessage.contains("no primary volume descriptor"))
    }

    @Test func fileEndingBeforeTheTerminatorIsAnError() async throws {
        let report = await ISOFixtures.validate(Array(try ISOFixtures.bytes("plain.iso").prefix(34816)))
        #expect(report.findings("ISO-004").count == 1)
        #expect(report.findings("ISO-004")[0].message.defaultMessage.contains("ends before"))
    }

    @Test func sixtyFourDescriptorsWithoutTerminatorIsAnError() async throws {
        var bytes = try ISOFixtures.bytes("plain.iso") + [UInt8](repeating: 0, count: 64 * 2048)
        for slot in 1...64 { bytes = ISOFixtures.patched(bytes, at: pvd + slot * 2048, [2] + Array("CD001".utf8) + [1]) }
        let report = await ISOFixtures.validate(bytes)
        #expect(report.findings("ISO-004").map(\.message.defaultMessage).contains { $0.contains("within 64") })
    }

    // MARK: ISO-005

    @Test func disagreeingSpaceSizesAreAnErrorAndSkipTheTruncationCheck() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 80, [0x00, 0x10, 0x00, 0x00])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-005"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func disagreeingBlockSizesAreAnError() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 128, [0x00, 0x04])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-005"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func invalidBlockSizeIsAnError() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 128, [0x00, 0x03, 0x03, 0x00])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-005"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func smallerBlockSizeIsAWarning() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 128, [0x00, 0x04, 0x04, 0x00])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.findings("ISO-005").map(\.severity) == [.warning])
        #expect(!report.hasErrors)
    }

    @Test func fileStructureVersionOtherThanOneIsAWarning() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("plain.iso"), at: pvd + 881, [2])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-005"])
        #expect(report.findings[0].severity == .warning)
        #expect(report.findings[0].warningType == "ISO_LAYOUT")
    }

    // MARK: ISO-006

    @Test func truncatedDataAreaIsAnError() async throws {
        let plain = try ISOFixtures.bytes("plain.iso")
        let report = await ISOFixtures.validate(Array(plain.prefix(plain.count - 8192)))
        #expect(report.ruleIDs == ["ISO-006"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func completeDataAreaIsNotTruncated() async throws {
        #expect(await ISOFixtures.validate(try ISOFixtures.bytes("plain.iso")).findings("ISO-006").isEmpty)
    }

    // MARK: ISO-007

    @Test func trailingJunkNotAMultipleOf2048IsAWarning() async throws {
        let report = await ISOFixtures.validate(try ISOFixtures.bytes("plain.iso") + [UInt8](repeating: 7, count: 1000))
        #expect(report.ruleIDs == ["ISO-007"])
        #expect(report.findings[0].severity == .warning)
        #expect(report.findings[0].message.defaultMessage.contains("not a multiple of 2048"))
    }

    @Test func trailingWholeSectorsAreAWarning() async throws {
        let report = await ISOFixtures.validate(try ISOFixtures.bytes("plain.iso") + [UInt8](repeating: 0, count: 4096))
        #expect(report.ruleIDs == ["ISO-007"])
    }

    @Test func oddSizedUDFOnlyImageIsAWarning() async {
        let report = await ISOFixtures.validate(ISOFixtures.udfOnly() + [1, 2, 3])
        #expect(report.findings("ISO-007").count == 1)
    }

    // MARK: ISO-008

    @Test func jolietIsNoted() async throws {
        let report = await ISOFixtures.validate(try ISOFixtures.bytes("joliet.iso"))
        #expect(report.ruleIDs == ["ISO-008"])
        #expect(report.findings[0].severity == .info)
        #expect(report.findings[0].message.args == ["image.iso", "3"])
    }

    @Test func noJolietNoNote() async throws {
        #expect(await ISOFixtures.validate(try ISOFixtures.bytes("plain.iso")).findings("ISO-008").isEmpty)
    }

    // MARK: ISO-009

    @Test func soundElToritoCatalogIsNotFlagged() async throws {
        #expect(await ISOFixtures.validate(try ISOFixtures.bytes("eltorito.iso")).findings("ISO-009").isEmpty)
    }

    @Test func foreignBootSystemIsAWarning() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("eltorito.iso"), at: pvd + 2048 + 7, Array("XX".utf8))
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-009"])
        #expect(report.findings[0].severity == .warning)
    }

    @Test func catalogOutsideTheVolumeIsAWarning() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("eltorito.iso"), at: pvd + 2048 + 71, [0xFF, 0xFF, 0, 0])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-009"])
        #expect(report.findings[0].message.defaultMessage.contains("outside the volume"))
    }

    @Test(arguments: [(30, UInt8(0x00)), (0, UInt8(0x02)), (4, UInt8(0x41))])
    func damagedValidationEntryIsAWarning(offset: Int, value: UInt8) async throws {
        let image = try ISOFixtures.bytes("eltorito.iso")
        let catalog = Int(image[pvd + 2048 + 71]) * 2048
        let report = await ISOFixtures.validate(ISOFixtures.patched(image, at: catalog + offset, [value]))
        #expect(report.ruleIDs == ["ISO-009"])
        #expect(report.findings[0].message.defaultMessage.contains("damaged"))
    }

    // MARK: ISO-010, ISO-011

    @Test func udfOnlyImageIsAWarning() async {
        let report = await ISOFixtures.validate(ISOFixtures.udfOnly())
        #expect(report.ruleIDs == ["ISO-010"])
        #expect(report.findings[0].severity == .warning)
        #expect(report.findings[0].message.args == ["image.iso", "NSR03"])
    }

    @Test func udfBridgeIsNotUDFOnly() async throws {
        let report = await ISOFixtures.validate(try ISOFixtures.bytes("udf-bridge.iso"))
        #expect(report.findings("ISO-010").isEmpty)
        #expect(report.findings("ISO-011").isEmpty)
    }

    @Test func unanchoredUDFOnlyImageIsAnError() async {
        let report = await ISOFixtures.validate(ISOFixtures.udfOnly(anchored: false))
        #expect(report.ruleIDs == ["ISO-011"])
        #expect(report.findings[0].severity == .error)
    }

    @Test func anchorAtTheLastBlockIsEnough() async {
        var bytes = ISOFixtures.udfOnly(anchored: false)
        bytes = ISOFixtures.patched(bytes, at: bytes.count - 2048, ISOFixtures.anchorTag(block: UInt32(bytes.count / 2048 - 1)))
        #expect(await ISOFixtures.validate(bytes).ruleIDs == ["ISO-010"])
    }

    @Test func anchorAt512ByteBlocksIsEnough() async {
        var bytes = ISOFixtures.udfOnly(anchored: false)
        bytes = ISOFixtures.patched(bytes, at: 256 * 512, ISOFixtures.anchorTag(block: 256))
        #expect(await ISOFixtures.validate(bytes).ruleIDs == ["ISO-010"])
    }

    @Test func unanchoredBridgeIsAWarning() async throws {
        var bytes = try ISOFixtures.bytes("udf-bridge.iso")
        for block in [256, bytes.count / 2048 - 1] {
            bytes = ISOFixtures.patched(bytes, at: block * 2048, [UInt8](repeating: 0, count: 16))
        }
        let report = await ISOFixtures.validate(bytes)
        #expect(report.findings("ISO-011").map(\.severity) == [.warning])
        #expect(!report.hasErrors)
    }

    // MARK: ISO-012

    @Test func isohybridMBRIsNoted() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("eltorito.iso"), at: 510, [0x55, 0xAA])
        let report = await ISOFixtures.validate(bytes)
        #expect(report.ruleIDs == ["ISO-012"])
        #expect(report.findings[0].severity == .info)
    }

    @Test func noMBRNoNote() async throws {
        #expect(await ISOFixtures.validate(try ISOFixtures.bytes("eltorito.iso")).findings("ISO-012").isEmpty)
    }

    // MARK: ISO-013, ISO-014

    @Test func declaredChecksumMismatchIsAnError() async throws {
        let view = MemoryContentView(
            name: "image.iso", bytes: try ISOFixtures.bytes("plain.iso"),
            declaredChecksum: ChecksumInfo(algorithm: .sha256, checksum: String(repeating: "0", count: 64))
        )
        let report = await ISOAdapter().validate(view, options: ValidationOptions())
        #expect(report.ruleIDs == ["ISO-013"])
    }

    @Test func declaredChecksumMatchIsClean() async throws {
        let bytes = try ISOFixtures.bytes("plain.iso")
        let digest = StreamingHasher.digest(bytes, algorithm: .sha1)
        let view = MemoryContentView(
            name: "image.iso", bytes: bytes, declaredSize: Int64(bytes.count),
            declaredChecksum: ChecksumInfo(algorithm: nil, checksum: digest.uppercased())
        )
        #expect(await ISOAdapter().validate(view, options: ValidationOptions()).findings.isEmpty)
    }

    @Test func declaredSizeMismatchIsAnError() async throws {
        let view = MemoryContentView(name: "image.iso", bytes: try ISOFixtures.bytes("plain.iso"), declaredSize: 1)
        #expect(await ISOAdapter().validate(view, options: ValidationOptions()).ruleIDs == ["ISO-014"])
    }

    // MARK: the whole item

    @Test func everyFileIsCheckedAsAnImage() async throws {
        let view = MemoryContentView([
            ("good.iso", try ISOFixtures.bytes("plain.iso")), ("bad.iso", try ISOFixtures.bytes("tar-as-iso.iso")),
        ])
        let report = await ISOAdapter().validate(view, options: ValidationOptions())
        #expect(report.findings.map(\.file) == ["bad.iso"])
        #expect(report.invalidFiles.map(\.name) == ["bad.iso"])
    }

    @Test func everyWarningIsOfTheLayoutType() async throws {
        let bytes = ISOFixtures.patched(try ISOFixtures.bytes("eltorito.iso"), at: pvd + 2048 + 7, Array("XX".utf8))
        let report = await ISOFixtures.validate(bytes + [0])
        #expect(report.warnings.count == 2)
        #expect(report.warnings.allSatisfy { $0.warningType == "ISO_LAYOUT" && $0.file == "image.iso" })
    }
}
