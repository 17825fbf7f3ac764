//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel

/// An upload that does not start where the server's copy of the file ends, or that starts while
/// another upload of the file is still running.
///
/// It carries the server's current offset so the client can resume from there (the upload
/// endpoint answers 409 with an `Upload-Offset` header).
package struct UploadOffsetConflict: Error, Sendable {
    /// The bytes of the file the server holds now.
    package var offset: Int64
    /// The vAPI error to show, with a readable message.
    package var error: APIError
}
