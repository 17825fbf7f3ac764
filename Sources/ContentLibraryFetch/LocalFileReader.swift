//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import NIOCore
import _NIOFileSystem

/// Reads a `file://` PULL source: a local file already resolved inside an import root.
enum LocalFileReader {
    /// Opens the file at `path` and hands its chunks to `consume`.
    static func read<Result: Sendable>(_ path: String, consume: (SourceResponse) async throws -> Result) async throws -> Result {
        let handle: ReadFileHandle
        let size: Int64
        do {
            handle = try await FileSystem.shared.openFile(forReadingAt: FilePath(path))
            let info = try await handle.info()
            guard info.type == .regular else {
                try? await handle.close()
                throw SourceFetchError(.file, "\(path) is not a regular file.")
            }
            size = info.size
        } catch let error as SourceFetchError {
            throw error
        } catch let error as FileSystemError where error.code == .notFound {
            throw SourceFetchError(.file, "The file \(path) does not exist.")
        } catch let error as FileSystemError where error.code == .permissionDenied {
            throw SourceFetchError(.file, "The server may not read the file \(path).")
        } catch {
            throw SourceFetchError(.file, "The file \(path) cannot be opened: \(error).")
        }
        do {
            let result = try await consume(SourceResponse(expectedLength: size, body: SourceBytes(handle.readChunks(chunkLength: .kibibytes(256)))))
            try? await handle.close()
            return result
        } catch {
            try? await handle.close()
            throw error
        }
    }
}
