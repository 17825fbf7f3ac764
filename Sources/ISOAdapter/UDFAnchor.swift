//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Recognises an ECMA-167 Anchor Volume Descriptor Pointer by its 16-byte descriptor tag.
///
/// A UDF reader starts at the anchor, so a VRS without one is a UDF file system nobody can
/// mount (ISO-011). Only the tag is read: id 2, a valid tag checksum, version 2 or 3, and
/// the tag location equal to the block it was found at.
enum UDFAnchor {
    /// The size of a descriptor tag.
    static let tagSize = 16
    /// The tag identifier of an AVDP.
    static let anchorTagID: UInt16 = 2
    /// The block sizes tried, most common first.
    static let blockSizes: [Int64] = [2048, 512, 1024, 4096]

    /// The byte offsets where an anchor may stand in a file of `size` bytes, with the block each one is.
    ///
    /// Block 256, and the last block N and N−256 (ECMA-167 3/8.4.2.1), for every block size.
    static func candidates(fileSize size: Int64) -> [(offset: Int64, block: Int64)] {
        var result: [(offset: Int64, block: Int64)] = []
        for blockSize in Self.blockSizes {
            let last = size / blockSize - 1
            for block in [ISOLayout.anchorBlock, last, last - 256] where block >= ISOLayout.anchorBlock {
                let offset = block * blockSize
                guard offset + Int64(Self.tagSize) <= size else { continue }
                if !result.contains(where: { $0.offset == offset }) { result.append((offset, block)) }
            }
        }
        return result
    }

    /// Whether `tag` (16 bytes read at `block`) is an AVDP tag.
    static func isAnchor(_ tag: [UInt8], block: Int64) -> Bool {
        guard tag.count >= Self.tagSize else { return false }
        guard ByteFields.uint16LE(tag, at: 0) == Self.anchorTagID else { return false }
        let version = ByteFields.uint16LE(tag, at: 2)
        guard version == 2 || version == 3 else { return false }
        var sum: UInt8 = 0
        for index in 0..<Self.tagSize where index != 4 { sum &+= tag[index] }
        guard sum == tag[4] else { return false }
        return Int64(ByteFields.uint32LE(tag, at: 12)) == block
    }
}
