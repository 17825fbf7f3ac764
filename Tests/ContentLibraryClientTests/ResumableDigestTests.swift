//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
@testable import ContentLibraryClient
import ContentLibraryModel
import Testing

@Suite struct ResumableDigestTests {
    /// 1000 bytes that differ, so a digest of the wrong range cannot match.
    private let data: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    private func expected(_ algorithm: ChecksumAlgorithm = .sha256) -> String {
        StreamingHasher.digest(self.data, algorithm: algorithm)
    }

    /// Feeds `data[from..<to]` in chunks of `chunk` bytes.
    private func feed(_ digest: inout ResumableDigest, from: Int, to: Int, chunk: Int = 64) {
        var position = from
        while position < to {
            let end = min(to, position + chunk)
            digest.update(Array(self.data[position..<end]))
            position = end
        }
    }

    @Test func aStraightReadGivesThePlainDigest() {
        var digest = ResumableDigest(.sha256, interval: 100)
        self.feed(&digest, from: 0, to: self.data.count)
        #expect(digest.position == 1000)
        #expect(digest.finalize() == self.expected())
    }

    /// The server kept fewer bytes than were read: rewind to a checkpoint, re-read up to the
    /// server's offset, then carry on; the digest is that of the file, not of what was read.
    @Test(arguments: [0, 1, 99, 100, 101, 450, 699])
    func aResumeBelowThePositionKeepsTheDigestRight(serverOffset: Int) {
        var digest = ResumableDigest(.sha256, interval: 100)
        self.feed(&digest, from: 0, to: 700)
        let back = Int(digest.rewind(toAtMost: Int64(serverOffset)))
        #expect(back <= serverOffset)
        #expect(serverOffset - back < 100 + 64)  // at most one interval (plus the chunk that crossed it) is re-read
        self.feed(&digest, from: back, to: serverOffset)
        #expect(digest.position == Int64(serverOffset))
        self.feed(&digest, from: serverOffset, to: self.data.count, chunk: 37)
        #expect(digest.finalize() == self.expected())
    }

    @Test func repeatedResumesKeepTheDigestRight() {
        var digest = ResumableDigest(.sha512, interval: 64)
        self.feed(&digest, from: 0, to: 600)
        self.feed(&digest, from: Int(digest.rewind(toAtMost: 333)), to: 333)
        self.feed(&digest, from: 333, to: 900)
        self.feed(&digest, from: Int(digest.rewind(toAtMost: 500)), to: 500)
        self.feed(&digest, from: 500, to: self.data.count)
        #expect(digest.finalize() == self.expected(.sha512))
    }

    @Test func anOffsetOlderThanTheRetainedCheckpointsFallsBackToTheStart() {
        var digest = ResumableDigest(.sha256, interval: 50, retained: 2)
        self.feed(&digest, from: 0, to: 800, chunk: 50)
        let back = digest.rewind(toAtMost: 120)
        #expect(back == 0)
        self.feed(&digest, from: 0, to: self.data.count)
        #expect(digest.finalize() == self.expected())
    }

    @Test func rewindingForwardChangesNothing() {
        var digest = ResumableDigest(.sha256, interval: 100)
        self.feed(&digest, from: 0, to: 300)
        #expect(digest.rewind(toAtMost: 500) == 300)
        #expect(digest.position == 300)
    }
}
