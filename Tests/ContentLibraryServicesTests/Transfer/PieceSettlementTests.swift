//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Testing

/// How a piece of a transfer ends, with no I/O: every way a body can end, for PUSH (cut bytes
/// kept) and PULL (cut bytes fail the file).
@Suite struct PieceSettlementTests {
    let bytes = Array((0..<100).map { UInt8($0) })
    struct Cut: Error, CustomStringConvertible {
        var description: String { "connection reset" }
    }

    /// The record as `begin` leaves it: TRANSFERRING at `start` into blob `b1`.
    func transferring(size: Int64? = nil, checksum: ChecksumInfo? = nil, start: Int64 = 0) -> SessionFileRecord {
        SessionFileRecord(
            sessionID: "s1", name: "disk.vmdk", sourceType: .push, status: .transferring, declaredSize: size,
            declaredChecksum: checksum, bytesTransferred: start, blob: "b1", digests: [:], uploadToken: "t1",
            sourceEndpoint: nil, errorMessage: nil, itemFileVersion: nil, sequence: 0
        )
    }

    /// Hashers fed with the first `count` bytes.
    func hashers(_ count: Int, _ algorithms: [ChecksumAlgorithm] = [.sha256]) -> [StreamingHasher] {
        algorithms.map { algorithm in
            var hasher = StreamingHasher(algorithm)
            hasher.update(Array(self.bytes[..<count]))
            return hasher
        }
    }

    func digest(_ count: Int, _ algorithm: ChecksumAlgorithm) -> String {
        StreamingHasher.digest(Array(self.bytes[..<count]), algorithm: algorithm)
    }

    func settle(
        _ file: SessionFileRecord, _ piece: UploadPiece, _ ending: FileReceiver.Outcome, received: Int64,
        algorithms: [ChecksumAlgorithm] = [.sha256], keeping: Bool = true
    ) -> PieceSettlement {
        PieceSettlement.settle(
            file, piece: piece, ending: ending, received: received, hashers: self.hashers(Int(received), algorithms), keepingCutBytes: keeping
        )
    }

    func expectFailed(_ settlement: PieceSettlement, _ message: String, received: Int64, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(settlement.action == .discard, sourceLocation: sourceLocation)
        #expect(settlement.file.status == .error, sourceLocation: sourceLocation)
        #expect(settlement.file.blob == nil, "a failed file holds no bytes", sourceLocation: sourceLocation)
        #expect(settlement.file.bytesTransferred == received, sourceLocation: sourceLocation)
        #expect(settlement.file.digests.isEmpty, sourceLocation: sourceLocation)
        #expect(settlement.file.errorMessage?.id == "com.vmware.content.library.item.updatesession.file.transfer_failed", sourceLocation: sourceLocation)
        #expect(settlement.file.errorMessage?.defaultMessage == message, sourceLocation: sourceLocation)
        #expect(settlement.file.errorMessage?.args == ["disk.vmdk"], sourceLocation: sourceLocation)
    }

    func expectParked(_ settlement: PieceSettlement, received: Int64, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(settlement.action == .park, sourceLocation: sourceLocation)
        #expect(settlement.file.status == .transferring, sourceLocation: sourceLocation)
        #expect(settlement.file.blob == "b1", "the bytes stay for the next piece", sourceLocation: sourceLocation)
        #expect(settlement.file.bytesTransferred == received, sourceLocation: sourceLocation)
        #expect(settlement.file.digests.isEmpty, "digests only once the file is whole", sourceLocation: sourceLocation)
        #expect(settlement.file.errorMessage == nil, sourceLocation: sourceLocation)
    }

    // MARK: Finished

    @Test func aWholeBodyThatEndsFinishesTheFileWithItsDigests() {
        let settled = self.settle(self.transferring(), .whole(length: 100), .ended, received: 100)
        #expect(settled.action == .ready)
        #expect(settled.file.status == .ready)
        #expect(settled.file.blob == "b1")
        #expect(settled.file.bytesTransferred == 100)
        #expect(settled.file.digests == [.sha256: self.digest(100, .sha256)])
        #expect(settled.file.errorMessage == nil)
    }

    @Test func aWholeBodyOfUnknownLengthFinishesWhenItEnds() {
        let settled = self.settle(self.transferring(), .whole(length: nil), .ended, received: 37)
        #expect(settled.action == .ready)
        #expect(settled.file.bytesTransferred == 37)
    }

    @Test func theDeclaredSizeAndChecksumAreMetByTheFinishedFile() {
        let checksum = ChecksumInfo(algorithm: .sha1, checksum: self.digest(100, .sha1).uppercased())
        let settled = self.settle(self.transferring(size: 100, checksum: checksum), .whole(length: 100), .ended, received: 100, algorithms: [.sha256, .sha1])
        #expect(settled.action == .ready)
        #expect(settled.file.digests == [.sha256: self.digest(100, .sha256), .sha1: self.digest(100, .sha1)])
    }

    @Test func theLastPieceFinishesTheFile() {
        let settled = self.settle(self.transferring(start: 60), .range(start: 60, end: 99, total: 100), .ended, received: 100)
        #expect(settled.action == .ready)
        #expect(settled.file.bytesTransferred == 100)
        #expect(settled.file.digests[.sha256] == self.digest(100, .sha256))
    }

    // MARK: Parked

    @Test func aPieceShortOfTheTotalIsParked() {
        let settled = self.settle(self.transferring(), .range(start: 0, end: 59, total: 100), .ended, received: 60)
        self.expectParked(settled, received: 60)
    }

    @Test func aPieceShortOfTheTotalIsParkedForAPullToo() {
        let settled = self.settle(self.transferring(), .range(start: 0, end: 59, total: 100), .ended, received: 60, keeping: false)
        self.expectParked(settled, received: 60)
    }

    @Test func aBrokenBodyWhoseBytesAreKeptIsParked() {
        let settled = self.settle(self.transferring(size: 100), .whole(length: 100), .broken(Cut()), received: 42)
        self.expectParked(settled, received: 42)
    }

    @Test func aBodyEndingShortOfItsLengthIsCutAndParked() {
        let settled = self.settle(self.transferring(), .whole(length: 100), .ended, received: 42)
        self.expectParked(settled, received: 42)
    }

    @Test func aCutPieceOfARangeIsParkedWithTheBytesOfEarlierPieces() {
        let settled = self.settle(self.transferring(start: 30), .range(start: 30, end: 99, total: 100), .broken(Cut()), received: 50)
        self.expectParked(settled, received: 50)
    }

    // MARK: Failed

    @Test func aBrokenBodyWhoseBytesAreNotKeptFails() {
        let settled = self.settle(self.transferring(), .whole(length: 100), .broken(Cut()), received: 42, keeping: false)
        self.expectFailed(settled, "disk.vmdk: the transfer broke after 42 bytes: connection reset.", received: 42)
    }

    @Test func aShortBodyWhoseBytesAreNotKeptFails() {
        let settled = self.settle(self.transferring(), .whole(length: 100), .ended, received: 42, keeping: false)
        self.expectFailed(settled, "disk.vmdk: the transfer ended after 42 of 100 bytes.", received: 42)
    }

    @Test func anOverlongPieceFailsWhateverEndedIt() {
        for ending in [FileReceiver.Outcome.ended, .refused("stopped"), .broken(Cut())] {
            let settled = self.settle(self.transferring(start: 10), .range(start: 10, end: 19, total: 100), ending, received: 21)
            self.expectFailed(settled, "disk.vmdk: more bytes were sent than the request announced (10).", received: 21)
        }
    }

    @Test func aRefusedTransferFailsWithItsReason() {
        let settled = self.settle(self.transferring(size: 10), .whole(length: nil), .refused("disk.vmdk: more than the declared 10 bytes were sent."), received: 10)
        self.expectFailed(settled, "disk.vmdk: more than the declared 10 bytes were sent.", received: 10)
    }

    @Test func aFinishedFileOfAnotherSizeThanDeclaredFails() {
        let settled = self.settle(self.transferring(size: 100), .whole(length: nil), .ended, received: 60)
        self.expectFailed(settled, "disk.vmdk: the declared size is 100 bytes but 60 bytes were received.", received: 60)
    }

    @Test func aFinishedFileWithAnotherChecksumThanDeclaredFails() {
        let wrong = String(repeating: "0", count: 40)
        let settled = self.settle(
            self.transferring(checksum: ChecksumInfo(algorithm: .sha1, checksum: wrong)), .whole(length: 100), .ended, received: 100,
            algorithms: [.sha256, .sha1]
        )
        self.expectFailed(settled, "disk.vmdk: the SHA1 checksum is \(self.digest(100, .sha1)) but \(wrong) was declared.", received: 100)
    }

    @Test func theSizeIsJudgedBeforeTheChecksum() {
        let wrong = String(repeating: "0", count: 64)
        let settled = self.settle(
            self.transferring(size: 100, checksum: ChecksumInfo(algorithm: .sha256, checksum: wrong)), .whole(length: nil), .ended, received: 60
        )
        self.expectFailed(settled, "disk.vmdk: the declared size is 100 bytes but 60 bytes were received.", received: 60)
    }

    @Test func aPieceThatCannotBeStoredFailsAfterAll() {
        let settled = self.settle(self.transferring(), .whole(length: 100), .ended, received: 100)
        #expect(settled.action == .ready)
        let failed = settled.failing("disk.vmdk: the upload could not be stored: disk full.")
        self.expectFailed(failed, "disk.vmdk: the upload could not be stored: disk full.", received: 100)
    }
}
