//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
package import ContentLibraryServices
import Foundation
package import NIOCore
import _NIOFileSystem

/// The embedded content store: each datastore is a local folder; an item's blobs live in
/// `<datastore>/<library id>/<item id>/<blob>`.
///
/// Names on disk are chosen by the server (random blob names and ids), never taken from a
/// client, so no client string ever reaches the file system as a path.
package struct FolderContentStore: ContentStore {
    /// Datastore id → folder.
    package let datastores: [String: String]

    /// Creates a store over datastore folders, creating them when missing.
    package init(datastores: [String: String]) throws {
        self.datastores = datastores
        for path in datastores.values {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    package func newBlobName() -> String {
        UUID().uuidString.lowercased()
    }

    package func path(of blob: String, in location: ItemLocation) throws -> String {
        try self.folder(of: location) + "/" + Self.safeComponent(blob)
    }

    package func openWriter(for blob: String, in location: ItemLocation, at offset: Int64) async throws -> any BlobWriter {
        let folder = try self.folder(of: location)
        try await FileSystem.shared.createDirectory(at: FilePath(folder), withIntermediateDirectories: true, permissions: nil)
        // In place, not through a temporary file: the bytes of an upload cut short must stay
        // where a resumed upload finds them.
        let handle = try await FileSystem.shared.openFile(
            forWritingAt: FilePath(try self.path(of: blob, in: location)),
            options: OpenOptions.Write(existingFile: .open, newFile: OpenOptions.NewFile(transactionalCreation: false))
        )
        do {
            try await handle.resize(to: .bytes(offset))
        } catch {
            try? await handle.close()
            throw error
        }
        return FolderBlobWriter(handle: handle, path: try self.path(of: blob, in: location), offset: offset)
    }

    package func size(of blob: String, in location: ItemLocation) async -> Int64? {
        guard let path = try? self.path(of: blob, in: location),
            let info = try? await FileSystem.shared.info(forFileAt: FilePath(path), infoAboutSymbolicLink: true),
            info.type == .regular
        else { return nil }
        return info.size
    }

    package func read(_ blob: String, in location: ItemLocation, range: Range<Int64>, _ body: (ByteBuffer) async throws -> Void) async throws {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(try self.path(of: blob, in: location))) { handle in
            try await FolderBlobReader(handle: handle).read(range, body)
        }
    }

    package func delete(_ blobs: [String], in location: ItemLocation) async {
        for blob in blobs {
            guard let path = try? self.path(of: blob, in: location) else { continue }
            _ = try? await FileSystem.shared.removeItem(at: FilePath(path))
        }
    }

    package func deleteItem(_ location: ItemLocation) async {
        guard let folder = try? self.folder(of: location) else { return }
        _ = try? await FileSystem.shared.removeItem(at: FilePath(folder), recursively: true)
    }

    package func collectGarbage(in location: ItemLocation, keep: Set<String>) async -> Int {
        guard let folder = try? self.folder(of: location),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return 0 }
        // Only our blob names: anything else in the folder is not ours to delete.
        let garbage = names.filter { UUID(uuidString: $0) != nil && !keep.contains($0) }
        await self.delete(garbage, in: location)
        return garbage.count
    }

    private func folder(of location: ItemLocation) throws -> String {
        guard let root = self.datastores[location.datastoreID] else {
            throw APIError(
                .resourceInaccessible, id: "com.vmware.content.datastore.unknown",
                "The datastore \(location.datastoreID) is not configured on this server.", args: [location.datastoreID]
            )
        }
        return root + "/" + (try Self.safeComponent(location.libraryID)) + "/" + (try Self.safeComponent(location.itemID))
    }

    /// Server-chosen names only: anything else is a programming error reported as an internal error.
    private static func safeComponent(_ name: String) throws -> String {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\u{0}") else {
            throw APIError(.internalServerError, id: "com.vmware.content.storage.name", "An invalid storage name was generated.")
        }
        return name
    }
}
