//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
public import ContentLibraryAPI

/// What a successful import left on the server.
public struct ImportResult: Hashable, Sendable {
    /// The item after the session is DONE.
    public var item: ItemModel
    /// Its stored files.
    public var files: [ItemFileInfo]
    /// Whether the item was created by this import.
    public var created: Bool
    /// The session that did the import.
    public var sessionID: String
}
