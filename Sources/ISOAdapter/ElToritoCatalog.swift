//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The validation entry that opens an El Torito boot catalog (its first 32 bytes).
///
/// Firmware refuses a catalog whose header id, key bytes or word checksum are wrong, so an
/// image with such a catalog is readable but not bootable (ISO-009).
struct ElToritoCatalog: Sendable {
    /// The size of the validation entry.
    static let validationEntrySize = 32

    /// Byte 0: the header id, 1 for a validation entry.
    var headerID: UInt8
    /// Byte 1: the platform (0 x86, 0xEF UEFI, …).
    var platform: UInt8
    /// Bytes 30–31: the key bytes, `55 AA`.
    var key: (UInt8, UInt8)
    /// The 16-bit little-endian word sum of the entry, 0 when the checksum is right.
    var wordSum: UInt16

    /// Reads the validation entry; `nil` when fewer than 32 bytes were read.
    init?(bytes: [UInt8]) {
        guard bytes.count >= Self.validationEntrySize else { return nil }
        self.headerID = bytes[0]
        self.platform = bytes[1]
        self.key = (bytes[30], bytes[31])
        var sum: UInt16 = 0
        for index in stride(from: 0, to: Self.validationEntrySize, by: 2) {
            sum &+= ByteFields.uint16LE(bytes, at: index)
        }
        self.wordSum = sum
    }

    /// Why firmware would reject the entry, or `nil` when it is valid.
    var problem: String? {
        if self.headerID != 1 { return "its validation entry has header id \(self.headerID), not 1" }
        if self.key != (0x55, 0xAA) { return "its validation entry lacks the 55 AA key bytes" }
        if self.wordSum != 0 { return "its validation entry checksum is wrong" }
        return nil
    }
}
