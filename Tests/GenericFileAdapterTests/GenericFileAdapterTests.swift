//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import GenericFileAdapter
import Testing

@Suite struct GenericFileAdapterTests {
    func validate(_ files: [(ContentFile, [UInt8])]) async throws -> ValidationReport {
        let folder = NSTemporaryDirectory() + "generic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var entries: [LocalContentView.Entry] = []
        for (index, (file, bytes)) in files.enumerated() {
            let path = folder + "/\(index)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            entries.append(.init(file: file, path: path))
        }
        return await GenericFileAdapter().validate(LocalContentView(entries: entries), options: ValidationOptions())
    }

    @Test func anyBytesPassWhenTheyMatchTheirDeclarations() async throws {
        let sha256 = StreamingHasher.digest(Array("hello".utf8), algorithm: .sha256)
        let report = try await self.validate([
            (ContentFile(name: "notes.txt", size: 5, declaredSize: 5, declaredChecksum: .init(algorithm: .sha256, checksum: sha256)), Array("hello".utf8))
        ])
        #expect(report.findings.isEmpty)
    }

    @Test func sizeAndChecksumMismatchesMakeTheFileInvalid() async throws {
        let report = try await self.validate([
            (ContentFile(name: "a.bin", size: 5, declaredSize: 6), Array("hello".utf8)),
            (ContentFile(name: "b.bin", size: 5, declaredChecksum: .init(algorithm: .sha1, checksum: "ff")), Array("hello".utf8)),
        ])
        #expect(report.findings.map(\.ruleID) == ["GEN-001", "GEN-002"])
        #expect(report.invalidFiles.map(\.name) == ["a.bin", "b.bin"])
    }

    @Test func unsafeNamesAreInvalid() async throws {
        let report = try await self.validate([(ContentFile(name: "../escape", size: 1), [0])])
        #expect(report.findings.map(\.ruleID) == ["GEN-003"])
    }

    @Test func servesTheGenericType() {
        #expect(GenericFileAdapter().itemType == "generic")
        #expect(GenericFileAdapter().warningDeclarations.isEmpty)
    }
}
