//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Recognises an OVA that is compressed as a whole (`.ova` = `tar.gz` and friends).
///
/// DSP0243 requires a plain tar, yet gzipped OVAs exist (OVA-003). They are recognised by
/// the magic of their first bytes.
enum OVACompression: String, Sendable, CaseIterable {
    /// gzip (`1f 8b`), the only one seen in real OVAs.
    case gzip
    /// bzip2 (`BZh`).
    case bzip2
    /// xz (`fd 37 7a 58 5a 00`).
    case xz
    /// Zstandard (`28 b5 2f fd`).
    case zstd

    /// The leading bytes of each format.
    var magic: [UInt8] {
        switch self {
        case .gzip: [0x1F, 0x8B]
        case .bzip2: Array("BZh".utf8)
        case .xz: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]
        case .zstd: [0x28, 0xB5, 0x2F, 0xFD]
        }
    }

    /// The compression whose magic `bytes` start with, if any.
    static func detect(_ bytes: [UInt8]) -> OVACompression? {
        Self.allCases.first { bytes.starts(with: $0.magic) }
    }
}
