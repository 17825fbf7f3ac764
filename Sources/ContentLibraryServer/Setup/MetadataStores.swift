//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
import ContentLibraryStorage
import Foundation

/// Opens the metadata store a server's settings name, for the server and for the commands that
/// change it beside running servers (`content-library user`).
package enum MetadataStores {
    /// The store of `settings`: the embedded SQLite database `<data>/metadata.sqlite`.
    package static func open(_ settings: ServerSettings) throws -> any MetadataStore {
        try FileManager.default.createDirectory(atPath: settings.dataFolder, withIntermediateDirectories: true)
        return try SQLiteMetadataStore(path: settings.dataFolder + "/metadata.sqlite")
    }
}
