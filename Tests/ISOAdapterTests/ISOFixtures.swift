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

/// The committed images of `fixtures/iso`, and the variants the tests derive from them.
///
/// Corrupted variants are patched copies of `plain.iso` (as in the script's `--all` mode),
/// and the large images (UDF-only, hybrid) are built in memory, so only small files are
/// committed.
enum ISOFixtures {
    /// The `fixtures/iso` folder.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/iso")

    /// The bytes of a committed image.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: self.directory.appendingPathComponent(name)))
    }

    /// `bytes` with `patch` written at `offset`.
    static func patched(_ bytes: [UInt8], at offset: Int, _ patch: [UInt8]) -> [UInt8] {
        var copy = bytes
        copy.replaceSubrange(offset..<(offset + patch.count), with: patch)
        return copy
    }

    /// A UDF-only image: the VRS at sector 16 and, unless `anchored` is false, an AVDP at block 256.
    static func udfOnly(anchored: Bool = true) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 260 * 2048)
        for (slot, identifier) in ["BEA01", "NSR03", "TEA01"].enumerated() {
            bytes = self.patched(bytes, at: 32768 + slot * 2048, [0] + Array(identifier.utf8) + [1])
        }
        if anchored { bytes = self.patched(bytes, at: 256 * 2048, self.anchorTag(block: 256)) }
        return bytes
    }

    /// A 16-byte AVDP descriptor tag for `block`, with a valid checksum.
    static func anchorTag(block: UInt32) -> [UInt8] {
        var tag: [UInt8] = [2, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0]
        tag += [UInt8(block & 0xFF), UInt8(block >> 8 & 0xFF), UInt8(block >> 16 & 0xFF), UInt8(block >> 24)]
        tag[4] = tag.enumerated().reduce(UInt8(0)) { $1.offset == 4 ? $0 : $0 &+ $1.element }
        return tag
    }

    /// Validates one file with the ISO adapter.
    static func validate(_ bytes: [UInt8], name: String = "image.iso") async -> ValidationReport {
        await ISOAdapter().validate(MemoryContentView(name: name, bytes: bytes), options: ValidationOptions())
    }
}

extension ValidationReport {
    /// The findings of one rule.
    func findings(_ rule: String) -> [Finding] { self.findings.filter { $0.ruleID == rule } }

    /// The rule ids found, in order.
    var ruleIDs: [String] { self.findings.map(\.ruleID) }
}
