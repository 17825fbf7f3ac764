//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryAdaptersTesting
import ContentLibraryModel
import QCOW2Adapter
import Testing

@Suite struct QCOW2AdapterTests {
    func report(_ image: QCOW2Image, name: String = "disk.qcow2") async -> ValidationReport {
        await QCOW2Adapter().validate(MemoryContentView(name: name, bytes: image.bytes), options: ValidationOptions())
    }

    func rules(_ report: ValidationReport, _ severity: Severity = .error) -> [String] {
        report.findings.filter { $0.severity == severity }.map(\.ruleID)
    }

    @Test func aSelfContainedVersion3ImagePassesWithItsVirtualSize() async {
        let report = await self.report(QCOW2Image())
        #expect(!report.hasErrors)
        #expect(report.warnings.isEmpty)
        #expect(report.findings.map(\.ruleID) == ["QCOW2-010"])
        #expect(report.findings[0].message.defaultMessage.contains("1073741824"))
    }

    @Test func theAdapterServesQCOW2AndDeclaresItsWarnings() {
        let adapter = QCOW2Adapter()
        #expect(adapter.itemType == "qcow2")
        #expect(adapter.warningDeclarations.map(\.type) == [QCOW2Adapter.legacyVersionWarning, QCOW2Adapter.dirtyWarning])
        #expect(adapter.warningDeclarations.map(\.ignoredByDefault) == [true, false])
    }

    @Test func wrongMagicIsNotAnImage() async {
        var image = QCOW2Image()
        image.magic = Array("VMDK".utf8)
        #expect(self.rules(await self.report(image)) == ["QCOW2-002"])
        #expect(self.rules(await self.report(QCOW2Image(length: 2))) == ["QCOW2-001"])
        var short = QCOW2Image(length: 2)
        short.magic = [0x00, 0x00, 0x00, 0x00]
        #expect(self.rules(await self.report(short)) == ["QCOW2-002"])
    }

    @Test func aCutHeaderIsTruncated() async {
        #expect(self.rules(await self.report(QCOW2Image(length: 50))) == ["QCOW2-001"])
        #expect(self.rules(await self.report(QCOW2Image(version: 3, length: 90))) == ["QCOW2-001"])
        #expect(self.rules(await self.report(QCOW2Image(version: 2, length: 72))).contains("QCOW2-007"))
        #expect(!self.rules(await self.report(QCOW2Image(version: 2, length: 72))).contains("QCOW2-001"))
    }

    @Test(arguments: [UInt32(1), 4, 0xFFFF_FFFF]) func onlyVersions2And3AreSupported(version: UInt32) async {
        #expect(self.rules(await self.report(QCOW2Image(version: version))) == ["QCOW2-003"])
    }

    @Test func version2PassesWithAnIgnoredByDefaultWarning() async {
        let report = await self.report(QCOW2Image(version: 2))
        #expect(!report.hasErrors)
        #expect(report.warnings.map(\.warningType) == [QCOW2Adapter.legacyVersionWarning])
        #expect(report.blockingWarnings(policy: WarningPolicy(), declarations: QCOW2Adapter().warningDeclarations).isEmpty)
    }

    @Test func aBackingFileIsRefused() async {
        #expect(self.rules(await self.report(QCOW2Image(backingFileOffset: 512, backingFileSize: 9))) == ["QCOW2-004"])
        #expect(self.rules(await self.report(QCOW2Image(version: 2, backingFileOffset: 512, backingFileSize: 9))) == ["QCOW2-004"])
    }

    @Test func anExternalDataFileIsRefused() async {
        #expect(self.rules(await self.report(QCOW2Image(incompatibleFeatures: 1 << 2))) == ["QCOW2-005"])
        // Other known bits (compression type, extended L2) are fine.
        #expect(self.rules(await self.report(QCOW2Image(incompatibleFeatures: 1 << 3 | 1 << 4))).isEmpty)
    }

    @Test(arguments: [UInt32(8), 22, 64]) func clusterBitsOutOfRangeAreRefused(bits: UInt32) async {
        #expect(self.rules(await self.report(QCOW2Image(clusterBits: bits, length: 1 << 18))) == ["QCOW2-006"])
    }

    @Test(arguments: [UInt32(9), 21]) func clusterBitsAtTheLimitsAreAccepted(bits: UInt32) async {
        let image = QCOW2Image(clusterBits: bits, l1TableOffset: 3 << UInt64(bits), refcountTableOffset: 1 << UInt64(bits), length: 4 << Int(bits))
        #expect(self.rules(await self.report(image)).isEmpty)
    }

    @Test func tablesPastTheEndOfTheFileAreTruncation() async {
        #expect(self.rules(await self.report(QCOW2Image(length: 3 << 16))) == ["QCOW2-007"])
        #expect(self.rules(await self.report(QCOW2Image(l1Size: 1 << 20))) == ["QCOW2-007"])
        #expect(self.rules(await self.report(QCOW2Image(refcountTableOffset: UInt64.max - 10))) == ["QCOW2-007"])
    }

    @Test func corruptAndUnknownIncompatibleFeaturesAreRefused() async {
        #expect(self.rules(await self.report(QCOW2Image(incompatibleFeatures: 1 << 1))) == ["QCOW2-008"])
        #expect(self.rules(await self.report(QCOW2Image(incompatibleFeatures: 1 << 40))) == ["QCOW2-008"])
    }

    @Test func aZeroVirtualSizeIsAnError() async {
        #expect(self.rules(await self.report(QCOW2Image(size: 0))) == ["QCOW2-009"])
    }

    @Test func theDirtyBitIsABlockingWarning() async {
        let report = await self.report(QCOW2Image(incompatibleFeatures: 1))
        #expect(!report.hasErrors)
        let blocking = report.blockingWarnings(policy: WarningPolicy(), declarations: QCOW2Adapter().warningDeclarations)
        #expect(blocking.map(\.type) == [QCOW2Adapter.dirtyWarning])
    }

    @Test func declaredSizeMismatchIsReported() async {
        let bytes = QCOW2Image().bytes
        let view = MemoryContentView(name: "disk.qcow2", bytes: bytes, declaredSize: Int64(bytes.count + 1))
        let report = await QCOW2Adapter().validate(view, options: ValidationOptions())
        #expect(self.rules(report) == ["QCOW2-013"])
    }
}
