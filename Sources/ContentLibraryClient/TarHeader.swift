//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The 512-byte ustar header of one regular file in an OVA, as `export --ova` writes it.
///
/// An OVA is a plain POSIX tar (DSP0243 §5.3): no compression, one member per file, names of
/// at most 100 bytes without folders. Sizes from 8 GiB on do not fit the 11 octal digits and
/// are written in the base-256 form GNU tar and the OVA readers accept.
enum TarHeader {
    /// A tar block.
    static let blockSize = 512

    /// The header of a file `name` of `size` bytes, modified at `modified` (seconds since 1970).
    /// - Throws: `ClientError.usage` when the name does not fit a ustar header.
    static func bytes(name: String, size: Int64, modified: Int64) throws(ClientError) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        guard !nameBytes.isEmpty, nameBytes.count <= 100, !name.contains("/") else {
            throw .usage("\(name): an OVA member name must be 1 to 100 bytes without '/'")
        }
        var header = [UInt8](repeating: 0, count: Self.blockSize)
        header.replaceSubrange(0..<nameBytes.count, with: nameBytes)
        Self.octal(0o644, into: &header, at: 100, width: 8)
        Self.octal(0, into: &header, at: 108, width: 8)
        Self.octal(0, into: &header, at: 116, width: 8)
        if size < 0o77777777777 {
            Self.octal(size, into: &header, at: 124, width: 12)
        } else {
            // Base-256: the first byte's high bit set, the value big-endian in the rest.
            header[124] = 0x80
            for index in 0..<8 { header[135 - index] = UInt8(truncatingIfNeeded: size >> (8 * Int64(index))) }
        }
        Self.octal(modified, into: &header, at: 136, width: 12)
        header[156] = UInt8(ascii: "0")
        header.replaceSubrange(257..<263, with: Array("ustar\0".utf8))
        header.replaceSubrange(263..<265, with: Array("00".utf8))
        // The checksum is computed with its own field as spaces.
        header.replaceSubrange(148..<156, with: [UInt8](repeating: 0x20, count: 8))
        let sum = header.reduce(0) { $0 + Int64($1) }
        Self.octal(sum, into: &header, at: 148, width: 7)
        header[155] = 0x20
        return header
    }

    /// The zero bytes after a member of `size` bytes, up to the next block.
    static func padding(after size: Int64) -> Int {
        let rest = Int(size % Int64(Self.blockSize))
        return rest == 0 ? 0 : Self.blockSize - rest
    }

    /// `width - 1` octal digits and a NUL.
    private static func octal(_ value: Int64, into header: inout [UInt8], at offset: Int, width: Int) {
        let digits = Array(String(value, radix: 8).utf8)
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: max(0, width - 1 - digits.count)) + digits
        header.replaceSubrange(offset..<(offset + width - 1), with: padded.suffix(width - 1))
        header[offset + width - 1] = 0
    }
}
