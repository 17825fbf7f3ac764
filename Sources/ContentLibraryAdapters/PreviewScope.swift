//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// What the preview of an update session (`preview_info`) waits for and reads, for one item type.
///
/// The preview shows the adapter's typed warnings before `complete`, so a client can ignore them
/// (`warning_behavior`) or give up before the session fails.
public enum PreviewScope: Hashable, Sendable {
    /// The type has no metadata files (ISO, QCOW2, generic files, most external adapters): the
    /// preview is the adapter's verdict on the whole content, available once every file has
    /// arrived. The default.
    case wholeContent
    /// The type's packages are described by metadata files (an OVF descriptor, its manifest and
    /// certificate: `FileRole.metadata`): the preview reads only those, as soon as they have
    /// arrived and `TypeAdapter.isPreviewComplete(metadataFiles:)` says they are enough, while
    /// the large content files may still be uploading.
    case metadataFiles
}
