//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI

/// Builds the view an adapter sees of a session: its READY files as they would be after complete.
struct SessionContent {
    let context: ServiceContext

    /// A content view over the session files that are READY, with their upload digests.
    func view(of files: [SessionFileRecord], location: ItemLocation) throws -> LocalContentView {
        var entries: [LocalContentView.Entry] = []
        for file in files where file.status == .ready {
            guard let blob = file.blob else { continue }
            entries.append(.init(
                file: ContentFile(
                    name: file.name,
                    size: file.bytesTransferred,
                    knownDigests: file.digests,
                    declaredSize: file.declaredSize,
                    declaredChecksum: file.declaredChecksum
                ),
                path: try self.context.content.path(of: blob, in: location)
            ))
        }
        return LocalContentView(entries: entries)
    }
}
