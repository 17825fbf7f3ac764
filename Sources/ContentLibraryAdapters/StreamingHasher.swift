//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
import Crypto

/// Computes a digest of bytes that arrive in pieces, for any ChecksumAlgorithm.
///
/// Uploads, pulls and content views all hash through this one type, so every digest the
/// product reports is computed the same way.
public struct StreamingHasher: Sendable {
    private enum State: Sendable {
        case md5(Insecure.MD5)
        case sha1(Insecure.SHA1)
        case sha256(SHA256)
        case sha512(SHA512)
    }

    private var state: State
    /// The algorithm being computed.
    public let algorithm: ChecksumAlgorithm

    /// Starts a digest.
    public init(_ algorithm: ChecksumAlgorithm) {
        self.algorithm = algorithm
        switch algorithm {
        case .md5: self.state = .md5(Insecure.MD5())
        case .sha1: self.state = .sha1(Insecure.SHA1())
        case .sha256: self.state = .sha256(SHA256())
        case .sha512: self.state = .sha512(SHA512())
        }
    }

    /// Adds bytes.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { self.update(bufferPointer: $0) }
    }

    /// Adds bytes from a raw buffer.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        switch self.state {
        case .md5(var h): h.update(bufferPointer: bufferPointer); self.state = .md5(h)
        case .sha1(var h): h.update(bufferPointer: bufferPointer); self.state = .sha1(h)
        case .sha256(var h): h.update(bufferPointer: bufferPointer); self.state = .sha256(h)
        case .sha512(var h): h.update(bufferPointer: bufferPointer); self.state = .sha512(h)
        }
    }

    /// The lower-case hex digest of everything added.
    public func finalize() -> String {
        switch self.state {
        case .md5(let h): Self.hex(h.finalize())
        case .sha1(let h): Self.hex(h.finalize())
        case .sha256(let h): Self.hex(h.finalize())
        case .sha512(let h): Self.hex(h.finalize())
        }
    }

    /// The lower-case hex digest of a whole byte sequence.
    public static func digest(_ bytes: [UInt8], algorithm: ChecksumAlgorithm) -> String {
        var hasher = StreamingHasher(algorithm)
        hasher.update(bytes)
        return hasher.finalize()
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
