//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One 512-byte tar header block: ustar (POSIX), GNU or old v7.
///
/// Only what the OVA reader needs is decoded: the name (with the ustar prefix), the size
/// (octal or GNU base-256), the type flag and the format. The header checksum is verified
/// in both the unsigned form POSIX requires and the signed form old tars wrote.
struct TarHeader: Sendable {
    /// The size of a tar block.
    static let blockSize = 512

    /// The header flavour, from the magic at bytes 257–264.
    enum Format: Sendable {
        /// POSIX ustar or pax: `ustar\0` + `00`; the prefix field extends the name.
        case ustar
        /// GNU tar: `ustar  \0`; bytes 345… hold times, not a prefix.
        case gnu
        /// Old Unix tar without a magic (OVA-001 warning).
        case v7
    }

    /// Why a block is not a tar header.
    struct Invalid: Error, Sendable {
        /// What is wrong, for the finding's message.
        let reason: String
    }

    /// The member name, ustar prefix applied.
    var name: String
    /// The size field: the bytes of data that follow the header.
    var size: Int64
    /// The type flag (`0`, NUL, `5`, `x`, `L`, …).
    var typeflag: UInt8
    /// The header flavour.
    var format: Format

    /// Decodes a header block.
    /// - Throws: Invalid when the block is short, its checksum is wrong or its size is not a number.
    init(block: [UInt8]) throws(Invalid) {
        guard block.count >= Self.blockSize else { throw Invalid(reason: "the header block is incomplete") }
        guard let stored = Self.octal(block[148..<156]) else { throw Invalid(reason: "the header checksum is not a number") }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.prefix(Self.blockSize).enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        guard stored == unsigned || stored == signed else {
            throw Invalid(reason: "the header checksum is \(stored) but the header sums to \(unsigned)")
        }
        guard let size = Self.number(block[124..<136]) else { throw Invalid(reason: "the size field is not a valid number") }
        self.size = size
        self.typeflag = block[156]

        let magic = Array(block[257..<263])
        let version = Array(block[263..<265])
        if magic == Array("ustar\0".utf8) {
            self.format = .ustar
        } else if magic == Array("ustar ".utf8) && version == Array(" \0".utf8) {
            self.format = .gnu
        } else {
            self.format = .v7
        }
        let name = Self.string(block[0..<100])
        let prefix = self.format == .ustar ? Self.string(block[345..<500]) : ""
        self.name = prefix.isEmpty ? name : prefix + "/" + name
    }

    /// Whether a block is all zeros (half of the end-of-archive marker).
    static func isZeroBlock(_ block: [UInt8]) -> Bool {
        block.count >= Self.blockSize && block.allSatisfy { $0 == 0 }
    }

    /// The bytes a member's data occupies: its size rounded up to whole blocks.
    static func paddedSize(_ size: Int64) -> Int64 {
        (size + Int64(Self.blockSize) - 1) / Int64(Self.blockSize) * Int64(Self.blockSize)
    }

    /// A numeric field: octal text, or GNU base-256 when the high bit of the first byte is set.
    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        guard first & 0x80 != 0 else { return Self.octal(field) }
        guard first == 0x80 else { return nil }  // 0xFF: negative, never a valid size
        var value: Int64 = 0
        for byte in field.dropFirst() {
            guard value <= Int64.max >> 8 else { return nil }
            value = value << 8 | Int64(byte)
        }
        return value
    }

    /// An octal field: optional leading spaces, digits, then NULs or spaces; an empty field is 0.
    static func octal(_ field: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var digits = field.drop { $0 == 0x20 }
        while let byte = digits.first, (0x30...0x37).contains(byte) {
            guard value <= Int64.max >> 3 else { return nil }
            value = value << 3 | Int64(byte - 0x30)
            digits = digits.dropFirst()
        }
        return digits.allSatisfy { $0 == 0 || $0 == 0x20 } ? value : nil
    }

    /// A NUL-terminated text field, decoded as UTF-8.
    static func string(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }
}
