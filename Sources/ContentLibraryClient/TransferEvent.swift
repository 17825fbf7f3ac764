//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// What an import or an export reports as it goes, for a progress display or a log.
///
/// The Importer and the Exporter only emit events; drawing them (a live bar on a terminal, plain
/// lines in a log) is the caller's business, so the same transfer runs under either. The file
/// events serve both directions; the session events after `fileFinished` are the import's.
public enum TransferEvent: Hashable, Sendable {
    /// Something worth a line: the item used, a file left out, a manifest problem.
    case note(String)
    /// The session is open and these files will be transferred; `totalBytes` counts the known sizes.
    case started(sessionID: String, files: [ImportPlan.File], totalBytes: Int64)
    /// A file's transfer began.
    case fileStarted(name: String, size: Int64?)
    /// A file an earlier run began continues at `offset`, the bytes the server already holds.
    case fileContinued(name: String, offset: Int64, size: Int64?)
    /// A file is already on the server with the same bytes and is not sent; `reason` says how that was proven.
    case fileSkipped(name: String, size: Int64, reason: String)
    /// A file's transfer reached `bytes` (of `size` when known).
    case fileProgress(name: String, bytes: Int64, size: Int64?)
    /// A broken upload is about to resume.
    case fileResuming(name: String, attempt: Int, reason: String)
    /// A file arrived and was verified; `verification` says how (declared checksum, compared digest).
    case fileFinished(name: String, size: Int64, verification: String)
    /// `File.validate` found missing or invalid files.
    case validationFailed(ValidationResult)
    /// Warnings not ignored would fail the session.
    case blockingWarnings([PreviewWarning])
    /// The session is being completed.
    case completing
    /// `complete` returned while the server still works (pulls); the session is ACTIVE.
    case waiting
}
