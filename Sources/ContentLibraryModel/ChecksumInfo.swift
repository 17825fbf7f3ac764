//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A digest algorithm a client may name in `checksum_info` or a manifest may use.
public enum ChecksumAlgorithm: String, Hashable, Codable, Sendable, CaseIterable {
    case sha1 = "SHA1"
    case md5 = "MD5"
    case sha256 = "SHA256"
    case sha512 = "SHA512"

    /// The length of a digest in hex characters.
    public var hexLength: Int {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha256: 64
        case .sha512: 128
        }
    }
}

/// A checksum the client declared for a file (`ChecksumInfo`); the algorithm defaults to SHA1.
public struct ChecksumInfo: Hashable, Codable, Sendable {
    /// The algorithm; unset means SHA1, as in the vSphere API.
    public var algorithm: ChecksumAlgorithm?
    /// The expected digest in hex.
    public var checksum: String

    /// Creates checksum info.
    public init(algorithm: ChecksumAlgorithm?, checksum: String) {
        self.algorithm = algorithm
        self.checksum = checksum
    }

    /// The algorithm in force.
    public var effectiveAlgorithm: ChecksumAlgorithm { self.algorithm ?? .sha1 }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case algorithm, checksum
    }
}

extension ChecksumInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.file.checksum_info"
}
