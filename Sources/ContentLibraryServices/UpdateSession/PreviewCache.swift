//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import Synchronization

/// The adapter's last verdict on each ACTIVE session's content, for the preview.
///
/// Clients poll `get` while they upload (VMware's sample polls until the preview is AVAILABLE),
/// and each poll used to run the adapter again — re-parsing the descriptor every time. The
/// verdict is kept as long as the session's files are the same (names, states, blobs, sizes and
/// digests); any change recomputes it. `validate` and `complete` always judge afresh; `validate`
/// leaves its verdict here for the next `get`.
package final class PreviewCache: Sendable {
    private struct Entry {
        var files: [String]
        var report: ValidationReport
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Sessions remembered at most; past it the cache starts over (a few kilobytes each).
    private static let capacity = 1024

    /// Creates an empty cache.
    package init() {}

    /// The verdict for `files` of a session: the remembered one when the files did not change,
    /// else `compute()`'s, remembered.
    func report(
        sessionID: String, files: [SessionFileRecord], compute: () async throws -> ValidationReport
    ) async rethrows -> ValidationReport {
        let key = Self.key(files)
        if let entry = self.entries.withLock({ $0[sessionID] }), entry.files == key { return entry.report }
        let report = try await compute()
        self.store(sessionID, Entry(files: key, report: report))
        return report
    }

    /// Remembers a verdict computed elsewhere (`File.validate`) for `files`, so the next `get`
    /// shows its warnings without running the adapter again.
    func remember(sessionID: String, files: [SessionFileRecord], report: ValidationReport) {
        self.store(sessionID, Entry(files: Self.key(files), report: report))
    }

    private func store(_ sessionID: String, _ entry: Entry) {
        self.entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[sessionID] = entry
        }
    }

    private static func key(_ files: [SessionFileRecord]) -> [String] {
        files.map { file in
            [file.name, file.status.rawValue, file.blob ?? "", String(file.bytesTransferred), file.digests[.sha256] ?? ""]
                .joined(separator: "\u{0}")
        }
    }

    /// Forgets a session that ended.
    func forget(sessionID: String) {
        _ = self.entries.withLock { $0.removeValue(forKey: sessionID) }
    }
}
