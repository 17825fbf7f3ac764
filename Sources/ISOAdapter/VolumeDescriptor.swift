//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One 2048-byte slot of the volume recognition area that starts at sector 16.
///
/// ISO 9660 descriptors (`CD001`) and the ECMA-167 Volume Recognition Sequence (`BEA01`,
/// `NSR02`/`NSR03`, `TEA01`) share this header, so one walk over the slots recognises both.
struct VolumeDescriptor: Sendable {
    /// The ISO 9660 descriptor types (byte 0 of a `CD001` descriptor).
    enum Kind: UInt8, Sendable {
        /// An El Torito or other boot record.
        case bootRecord = 0
        /// The Primary Volume Descriptor.
        case primary = 1
        /// A Supplementary Volume Descriptor (Joliet is one).
        case supplementary = 2
        /// A Volume Partition Descriptor.
        case partition = 3
        /// The Volume Descriptor Set Terminator.
        case terminator = 255
    }

    /// The standard identifier of ISO 9660 descriptors.
    static let iso9660Identifier = "CD001"

    /// The whole slot, for the type-specific parsers.
    let bytes: [UInt8]

    /// Wraps a slot; `nil` when fewer than 2048 bytes were read.
    init?(bytes: [UInt8]) {
        guard bytes.count >= ISOLayout.sectorSize else { return nil }
        self.bytes = bytes
    }

    /// Byte 0: the descriptor type (meaningful for `CD001`; 0 for the UDF VRS).
    var type: UInt8 { self.bytes[0] }

    /// The known ISO 9660 kind of `type`, if any.
    var kind: Kind? { Kind(rawValue: self.type) }

    /// Bytes 1–5: the standard identifier (`CD001`, `BEA01`, …).
    var identifier: String {
        String(decoding: self.bytes[1...5].map { $0 < 0x20 || $0 > 0x7E ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    }

    /// Byte 6: the structure version; 1 for every descriptor ECMA-119 defines (ISO-003).
    var version: UInt8 { self.bytes[6] }

    /// Whether this is an ISO 9660 descriptor.
    var isISO9660: Bool { self.identifier == Self.iso9660Identifier }

    /// The Joliet level (1–3) when this is a Joliet SVD: escape sequence `%/@`, `%/C` or `%/E` at 88–90.
    var jolietLevel: Int? {
        guard self.isISO9660, self.kind == .supplementary else { return nil }
        guard self.bytes[88] == UInt8(ascii: "%"), self.bytes[89] == UInt8(ascii: "/") else { return nil }
        switch self.bytes[90] {
        case UInt8(ascii: "@"): return 1
        case UInt8(ascii: "C"): return 2
        case UInt8(ascii: "E"): return 3
        default: return nil
        }
    }
}
