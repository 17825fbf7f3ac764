//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters

/// Sniffs the head of a stream-optimized VMDK (OVF-DISK-011), reading only small ranges.
///
/// A sparse extent header starts with `KDMV`; `descriptorOffset` (u64 LE at byte 28) and
/// `descriptorSize` (u64 LE at byte 36), both in 512-byte sectors, locate the embedded text
/// descriptor, which must say `createType="streamOptimized"`.
enum StreamOptimizedDisk {
    /// The most descriptor bytes read; real embedded descriptors are a few hundred bytes.
    static let maxDescriptorBytes = 64 << 10

    /// Why the file is not a stream-optimized VMDK, or `nil` when it is.
    /// - Parameters:
    ///   - name: the file (for a chunked disk, its first part).
    ///   - size: the file's size.
    ///   - isFirstPart: the file is only the first part of a chunked disk, so an embedded
    ///     descriptor past its end is not an error (it is in a later part).
    ///   - content: where to read.
    static func problem(with name: String, size: Int64, isFirstPart: Bool = false, in content: any ContentView) async -> String? {
        guard size > 0 else { return "is empty (0 bytes), not a stream-optimized VMDK" }
        let header: [UInt8]
        do {
            header = try await content.read(name, offset: 0, count: 512)
        } catch {
            return "cannot be read: \(error)"
        }
        guard header.count >= 44, header[0..<4].elementsEqual("KDMV".utf8) else {
            return "does not start with the VMDK sparse magic 'KDMV'"
        }
        let offset = self.uint64(header, at: 28)
        let sectors = self.uint64(header, at: 36)
        guard offset > 0, sectors > 0, offset < UInt64(Int64.max / 512), sectors < UInt64(Int64.max / 512) else {
            return "has no embedded descriptor (descriptorOffset \(offset), descriptorSize \(sectors))"
        }
        let start = Int64(offset) * 512
        guard start < size else { return isFirstPart ? nil : "has an embedded descriptor offset past the end of the file" }
        let length = Int(min(Int64(sectors) * 512, Int64(self.maxDescriptorBytes), size - start))
        let text: String
        do {
            text = String(decoding: try await content.read(name, offset: start, count: length), as: UTF8.self)
        } catch {
            return "cannot be read: \(error)"
        }
        let compact = text.filter { $0 != " " && $0 != "\t" }
        guard compact.contains("createType=\"streamOptimized\"") else {
            return "has an embedded descriptor that does not say createType=\"streamOptimized\""
        }
        return nil
    }

    /// A little-endian u64 at `offset`.
    static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { value, index in value | UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
    }
}
