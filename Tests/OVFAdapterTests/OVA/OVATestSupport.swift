//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import Synchronization

/// Writes tar archives byte by byte, for layouts and header variants the fixtures lack.
enum OVATarBuilder {
    /// How a header is written.
    enum Format { case ustar, gnu, v7 }

    /// One member: name, data and type flag.
    struct Entry {
        /// The member name.
        var name: String
        /// The member data.
        var data: [UInt8] = []
        /// The type flag.
        var typeflag: UInt8 = UInt8(ascii: "0")
    }

    /// The fixtures folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/ova")

    /// The bytes of a fixture file.
    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: self.fixtures.appendingPathComponent(name)))
    }

    /// A 512-byte header.
    static func header(
        name: String, size: Int64, typeflag: UInt8 = UInt8(ascii: "0"), format: Format = .ustar,
        signedChecksum: Bool = false, base256Size: Bool = false
    ) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int) { block.replaceSubrange(offset..<(offset + bytes.count), with: bytes) }
        func octal(_ value: Int64, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: width - 1 - digits.count) + digits).utf8) + [0]
        }
        put(Array(name.utf8.prefix(100)), at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(1000, width: 8), at: 108)
        put(octal(1000, width: 8), at: 116)
        if base256Size {
            var field = [UInt8](repeating: 0, count: 12)
            field[0] = 0x80
            for index in 0..<8 { field[11 - index] = UInt8(truncatingIfNeeded: size >> (8 * index)) }
            put(field, at: 124)
        } else {
            put(octal(size, width: 12), at: 124)
        }
        put(octal(1_700_000_000, width: 12), at: 136)
        block[156] = typeflag
        switch format {
        case .ustar: put(Array("ustar\0".utf8) + Array("00".utf8), at: 257)
        case .gnu: put(Array("ustar  \0".utf8), at: 257)
        case .v7: break
        }
        put(Array(repeating: 0x20, count: 8), at: 148)
        let sum = signedChecksum
            ? block.reduce(Int64(0)) { $0 + Int64(Int8(bitPattern: $1)) }
            : block.reduce(Int64(0)) { $0 + Int64($1) }
        put(octal(sum, width: 7) + [0x20], at: 148)
        return block
    }

    /// An archive of `entries` with the two zero blocks at the end.
    static func archive(_ entries: [Entry], format: Format = .ustar) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += self.header(name: entry.name, size: Int64(entry.data.count), typeflag: entry.typeflag, format: format)
            bytes += entry.data
            bytes += [UInt8](repeating: 0, count: (512 - entry.data.count % 512) % 512)
        }
        return bytes + [UInt8](repeating: 0, count: 1024)
    }

    /// Regular members named `names`, each holding its own name as data.
    static func archive(names: [String]) -> [UInt8] {
        self.archive(names.map { Entry(name: $0, data: Array($0.utf8)) })
    }
}
