//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The fixed header of a QCOW2 image (all fields big-endian), as QEMU's `docs/interop/qcow2.txt` lays it out.
///
/// Version 2 headers are 72 bytes; version 3 adds feature bits, the refcount order and the
/// header length (at least 104 bytes).
public struct QCOW2Header: Hashable, Sendable {
    /// `QFI\xfb`.
    public static let magic: [UInt8] = [0x51, 0x46, 0x49, 0xFB]
    /// The length of a version 2 header, and the least any header has.
    public static let version2Length = 72
    /// The least length of a version 3 header.
    public static let version3Length = 104
    /// Incompatible feature bit: the refcounts may be inconsistent (lazy refcounts, unclean shutdown).
    public static let dirtyBit: UInt64 = 1 << 0
    /// Incompatible feature bit: the image is marked corrupt.
    public static let corruptBit: UInt64 = 1 << 1
    /// Incompatible feature bit: guest data lives in an external data file.
    public static let externalDataFileBit: UInt64 = 1 << 2
    /// The incompatible feature bits QEMU knows (dirty, corrupt, external data, compression type, extended L2).
    public static let knownIncompatibleBits: UInt64 = 0b1_1111

    /// The format version, 2 or 3 for images QEMU writes.
    public var version: UInt32
    /// Where the backing file name is; 0 when there is none.
    public var backingFileOffset: UInt64
    /// The length of the backing file name.
    public var backingFileSize: UInt32
    /// log2 of the cluster size.
    public var clusterBits: UInt32
    /// The virtual disk size in bytes.
    public var size: UInt64
    /// 0 for none, 1 for AES, 2 for LUKS.
    public var cryptMethod: UInt32
    /// Entries in the active L1 table.
    public var l1Size: UInt32
    /// Where the active L1 table is.
    public var l1TableOffset: UInt64
    /// Where the refcount table is.
    public var refcountTableOffset: UInt64
    /// Clusters the refcount table occupies.
    public var refcountTableClusters: UInt32
    /// Version 3: incompatible feature bits (0 for version 2).
    public var incompatibleFeatures: UInt64
    /// The header length: 72 for version 2, the stored value for version 3.
    public var headerLength: UInt32

    /// Why a header could not be read.
    public enum ParseError: Error, Hashable, Sendable {
        /// Fewer bytes than the header needs.
        case truncated(needed: Int, available: Int)
        /// The first four bytes are not `QFI\xfb`.
        case badMagic
    }

    /// Reads a header from the first bytes of a file (at least 72; 104 or more for version 3).
    /// - Throws: ParseError when the bytes are not a whole QCOW2 header.
    public init(bytes: [UInt8]) throws(ParseError) {
        guard Array(bytes.prefix(4)) == Array(Self.magic.prefix(bytes.count)) else { throw .badMagic }
        guard bytes.count >= Self.version2Length else { throw .truncated(needed: Self.version2Length, available: bytes.count) }
        self.version = Self.u32(bytes, 4)
        self.backingFileOffset = Self.u64(bytes, 8)
        self.backingFileSize = Self.u32(bytes, 16)
        self.clusterBits = Self.u32(bytes, 20)
        self.size = Self.u64(bytes, 24)
        self.cryptMethod = Self.u32(bytes, 32)
        self.l1Size = Self.u32(bytes, 36)
        self.l1TableOffset = Self.u64(bytes, 40)
        self.refcountTableOffset = Self.u64(bytes, 48)
        self.refcountTableClusters = Self.u32(bytes, 56)
        if self.version >= 3 {
            guard bytes.count >= Self.version3Length else { throw .truncated(needed: Self.version3Length, available: bytes.count) }
            self.incompatibleFeatures = Self.u64(bytes, 72)
            self.headerLength = Self.u32(bytes, 100)
        } else {
            self.incompatibleFeatures = 0
            self.headerLength = UInt32(Self.version2Length)
        }
    }

    private static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        bytes[offset..<offset + 8].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
