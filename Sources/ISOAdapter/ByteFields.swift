//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Reads the little- and big-endian integers of on-disc structures from a byte array.
///
/// ISO 9660 stores many numbers "both-endian" (the little-endian copy then the big-endian
/// copy), and a disagreement between the copies is itself a finding (ISO-005), so both are
/// read separately rather than trusting one.
enum ByteFields {
    /// The little-endian u16 at `offset`.
    static func uint16LE(_ bytes: [UInt8], at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    /// The big-endian u16 at `offset`.
    static func uint16BE(_ bytes: [UInt8], at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    /// The little-endian u32 at `offset`.
    static func uint32LE(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
            | UInt32(bytes[offset + 3]) << 24
    }

    /// The big-endian u32 at `offset`.
    static func uint32BE(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// The ASCII text of `count` bytes at `offset`, with trailing spaces and NULs removed.
    static func text(_ bytes: [UInt8], at offset: Int, count: Int) -> String {
        var slice = Array(bytes[offset..<(offset + count)])
        while let last = slice.last, last == 0 || last == 0x20 { slice.removeLast() }
        return String(decoding: slice.map { $0 < 0x20 || $0 > 0x7E ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    }
}
