//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

@Suite struct StreamingHasherTests {
    /// FIPS 180 / RFC 1321 test vectors for "abc".
    static let abc: [(ChecksumAlgorithm, String)] = [
        (.md5, "900150983cd24fb0d6963f7d28e17f72"),
        (.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (.sha512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
    ]

    @Test(arguments: abc)
    func matchesTheStandardVectors(algorithm: ChecksumAlgorithm, expected: String) {
        #expect(StreamingHasher.digest(Array("abc".utf8), algorithm: algorithm) == expected)
        #expect(expected.count == algorithm.hexLength)
    }

    @Test(arguments: ChecksumAlgorithm.allCases)
    func piecesGiveTheSameDigestAsTheWhole(algorithm: ChecksumAlgorithm) {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = StreamingHasher(algorithm)
        for start in stride(from: 0, to: bytes.count, by: 777) {
            hasher.update(Array(bytes[start..<min(start + 777, bytes.count)]))
        }
        #expect(hasher.finalize() == StreamingHasher.digest(bytes, algorithm: algorithm))
    }
}
