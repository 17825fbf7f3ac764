//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The fields of a Primary Volume Descriptor (type 1) that decide whether the image is whole.
///
/// Both copies of each both-endian field are kept, because a mismatch means a damaged or
/// hand-patched descriptor that tools read differently (ISO-005).
struct PrimaryVolumeDescriptor: Sendable {
    /// Bytes 40–71: the volume id, trimmed.
    var volumeID: String
    /// Bytes 80–83: the volume space size in logical blocks, little-endian copy.
    var volumeSpaceSizeLE: UInt32
    /// Bytes 84–87: the volume space size, big-endian copy.
    var volumeSpaceSizeBE: UInt32
    /// Bytes 128–129: the logical block size, little-endian copy.
    var logicalBlockSizeLE: UInt16
    /// Bytes 130–131: the logical block size, big-endian copy.
    var logicalBlockSizeBE: UInt16
    /// Byte 881: the file structure version, 1 in ECMA-119.
    var fileStructureVersion: UInt8

    /// Reads the fields of a type-1 descriptor.
    init(_ descriptor: VolumeDescriptor) {
        let bytes = descriptor.bytes
        self.volumeID = ByteFields.text(bytes, at: 40, count: 32)
        self.volumeSpaceSizeLE = ByteFields.uint32LE(bytes, at: 80)
        self.volumeSpaceSizeBE = ByteFields.uint32BE(bytes, at: 84)
        self.logicalBlockSizeLE = ByteFields.uint16LE(bytes, at: 128)
        self.logicalBlockSizeBE = ByteFields.uint16BE(bytes, at: 130)
        self.fileStructureVersion = bytes[881]
    }

    /// Whether both copies of the block size agree.
    var blockSizeConsistent: Bool { self.logicalBlockSizeLE == self.logicalBlockSizeBE }

    /// Whether both copies of the volume space size agree.
    var spaceSizeConsistent: Bool { self.volumeSpaceSizeLE == self.volumeSpaceSizeBE }

    /// Whether the block size is one ECMA-119 allows: a power of two from 512 to 2048.
    var blockSizeValid: Bool {
        let size = self.logicalBlockSizeLE
        return size >= 512 && size <= 2048 && size & (size - 1) == 0
    }

    /// The bytes the volume claims (space size × block size), when both fields are trustworthy.
    var volumeBytes: Int64? {
        guard self.blockSizeConsistent, self.spaceSizeConsistent, self.blockSizeValid else { return nil }
        return Int64(self.volumeSpaceSizeLE) * Int64(self.logicalBlockSizeLE)
    }
}
