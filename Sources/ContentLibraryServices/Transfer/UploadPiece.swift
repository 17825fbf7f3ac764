//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//


/// Which bytes of a file one upload request carries.
///
/// A plain `PUT` carries the whole file; a `PUT` with `Content-Range: bytes N-M/TOTAL` carries
/// bytes N…M of TOTAL, which is how a client resumes an upload cut short without sending again
/// what the server already has.
package struct UploadPiece: Hashable, Sendable {
    /// The offset of the first byte; 0 starts the file over.
    package var start: Int64
    /// How many bytes the request promises (its range, else its `Content-Length`), when known.
    /// A body that ends short of it was cut.
    package var length: Int64?
    /// The size of the whole file, when the request states it; the file is finished once it
    /// is reached. `nil` for a whole-file request, which finishes the file when its body ends.
    package var total: Int64?

    /// The whole file in one request, of `length` bytes when the request says so.
    package static func whole(length: Int64?) -> UploadPiece {
        UploadPiece(start: 0, length: length, total: nil)
    }

    /// Bytes `start…end` (inclusive, as in `Content-Range`) of a file of `total` bytes.
    package static func range(start: Int64, end: Int64, total: Int64) -> UploadPiece {
        UploadPiece(start: start, length: end - start + 1, total: total)
    }

    /// Whether the request resumes a partial upload rather than starting the file over.
    var resumes: Bool { self.start > 0 }
}
