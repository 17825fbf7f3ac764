//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Builds QCOW2 images byte by byte, so each test sets exactly the header field it is about.
struct QCOW2Image {
    var version: UInt32 = 3
    var backingFileOffset: UInt64 = 0
    var backingFileSize: UInt32 = 0
    var clusterBits: UInt32 = 16
    var size: UInt64 = 1 << 30
    var l1Size: UInt32 = 1
    var l1TableOffset: UInt64 = 3 << 16
    var refcountTableOffset: UInt64 = 1 << 16
    var refcountTableClusters: UInt32 = 1
    var incompatibleFeatures: UInt64 = 0
    var magic: [UInt8] = [0x51, 0x46, 0x49, 0xFB]
    /// The file length; by default four clusters (header, refcount table, refcount block, L1 table).
    var length: Int?

    /// The image bytes.
    var bytes: [UInt8] {
        let headerLength = self.version >= 3 ? 104 : 72
        var out = [UInt8](repeating: 0, count: self.length ?? (4 << Int(min(self.clusterBits, 20))))
        if out.count < headerLength { out += [UInt8](repeating: 0, count: headerLength - out.count) }
        func put32(_ value: UInt32, at offset: Int) { for i in 0..<4 { out[offset + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) } }
        func put64(_ value: UInt64, at offset: Int) { for i in 0..<8 { out[offset + i] = UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64(i))) } }
        out.replaceSubrange(0..<4, with: self.magic)
        put32(self.version, at: 4)
        put64(self.backingFileOffset, at: 8)
        put32(self.backingFileSize, at: 16)
        put32(self.clusterBits, at: 20)
        put64(self.size, at: 24)
        put32(self.l1Size, at: 36)
        put64(self.l1TableOffset, at: 40)
        put64(self.refcountTableOffset, at: 48)
        put32(self.refcountTableClusters, at: 56)
        if self.version >= 3 {
            put64(self.incompatibleFeatures, at: 72)
            put32(4, at: 96)
            put32(UInt32(headerLength), at: 100)
        }
        if let length = self.length, out.count > length { out.removeLast(out.count - length) }
        return out
    }
}
