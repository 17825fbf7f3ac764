//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI

/// What one piece of a file's bytes makes of the file: its record after the piece, and what to
/// do with the blob.
///
/// It is the step of a transfer between streaming the body and storing the result, and it does
/// no I/O: `SessionFileService.receive` opens the writer and streams, asks ``settle(_:piece:ending:received:hashers:keepingCutBytes:)``
/// what the piece amounted to, then closes or abandons the blob, parks the digest state and
/// saves the record as it says. Every rule about how a transfer ends lives here.
package struct PieceSettlement: Sendable {
    /// What becomes of the blob the piece was written to.
    package enum Action: Hashable, Sendable {
        /// The file is whole and as declared: keep the blob; the record is READY with its digests.
        case ready
        /// The file is not whole yet (a piece short of the total, or a body cut off that the
        /// client may resume): keep the blob and the digest state for the next piece; the record
        /// stays TRANSFERRING.
        case park
        /// The transfer failed: discard the blob; the record is in ERROR with the reason as its
        /// `error_message`, and the file may be uploaded again from byte 0.
        case discard
    }

    /// The file's record after the piece.
    package var file: SessionFileRecord
    /// What to do with the blob.
    package var action: Action

    /// Settles `file`, TRANSFERRING at `piece.start`, after the body of `piece` ended with `ending`.
    ///
    /// - Parameters:
    ///   - file: the record as the piece found it.
    ///   - piece: which bytes the request said it carries.
    ///   - ending: how the body ended.
    ///   - received: the bytes of the file now written, earlier pieces included.
    ///   - hashers: the digests of those bytes, still open.
    ///   - keepingCutBytes: whether a body cut short leaves its bytes for a resumed upload (PUSH)
    ///     or fails the file (PULL, which the server alone drives).
    package static func settle(
        _ file: SessionFileRecord, piece: UploadPiece, ending: FileReceiver.Outcome, received: Int64,
        hashers: [StreamingHasher], keepingCutBytes: Bool
    ) -> PieceSettlement {
        var file = file
        file.bytesTransferred = received
        let pieceEnd = piece.length.map { piece.start + $0 }
        if let pieceEnd, received > pieceEnd {
            return Self.failed(file, "\(file.name): more bytes were sent than the request announced (\(pieceEnd - piece.start)).")
        }
        switch ending {
        case .refused(let reason):
            return Self.failed(file, reason)
        case .broken(let error):
            guard keepingCutBytes else {
                return Self.failed(file, "\(file.name): the transfer broke after \(received) bytes: \(error).")
            }
            return Self.parked(file)
        case .ended:
            // A body shorter than it announced was cut, whatever the transport made of it.
            if let pieceEnd, received < pieceEnd {
                guard keepingCutBytes else {
                    return Self.failed(file, "\(file.name): the transfer ended after \(received) of \(pieceEnd) bytes.")
                }
                return Self.parked(file)
            }
        }
        // A piece short of the total: the rest comes in later pieces.
        if let total = piece.total, received != total { return Self.parked(file) }
        let digests = Dictionary(uniqueKeysWithValues: hashers.map { ($0.algorithm, $0.finalize()) })
        if let mismatch = Self.mismatch(file, received: received, digests: digests) {
            return Self.failed(file, mismatch)
        }
        file.status = .ready
        file.digests = digests
        file.errorMessage = nil
        return PieceSettlement(file: file, action: .ready)
    }

    /// The same piece failed after all, e.g. because its blob could not be stored.
    package func failing(_ reason: String) -> PieceSettlement {
        Self.failed(self.file, reason)
    }

    private static func failed(_ file: SessionFileRecord, _ reason: String) -> PieceSettlement {
        var file = file
        file.status = .error
        file.blob = nil
        file.digests = [:]
        file.errorMessage = LocalizableMessage(
            id: "com.vmware.content.library.item.updatesession.file.transfer_failed", defaultMessage: reason, args: [file.name]
        )
        return PieceSettlement(file: file, action: .discard)
    }

    private static func parked(_ file: SessionFileRecord) -> PieceSettlement {
        var file = file
        file.status = .transferring
        file.errorMessage = nil
        return PieceSettlement(file: file, action: .park)
    }

    /// Why a whole file is not what was declared, if it is not: size first, then checksum.
    private static func mismatch(_ file: SessionFileRecord, received: Int64, digests: [ChecksumAlgorithm: String]) -> String? {
        if let declaredSize = file.declaredSize, declaredSize != received {
            return "\(file.name): the declared size is \(declaredSize) bytes but \(received) bytes were received."
        }
        if let checksum = file.declaredChecksum {
            let expected = checksum.checksum.lowercased()
            let actual = digests[checksum.effectiveAlgorithm] ?? ""
            if actual != expected {
                return "\(file.name): the \(checksum.effectiveAlgorithm.rawValue) checksum is \(actual) but \(expected) was declared."
            }
        }
        return nil
    }
}
