//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI

extension SessionFileService {
    /// `probe` (legacy `/rest` only, used by govc): whether a PULL source can be read, without
    /// reading its content.
    ///
    /// A URI `add` would refuse as malformed or unsupported is `INVALID_URL` with the same message;
    /// a `file://` source outside the import roots, or without `ContentLibrary.ReadStorage`, is
    /// `Unauthorized` as for `add`, so a probe cannot find out which files exist.
    package func probe(_ endpoint: TransferEndpoint, caller: Caller) async throws -> ProbeResult {
        guard let fetcher = self.context.fetcher else { throw Self.pullUnsupported }
        let source: PullSource
        do {
            source = try PullSource(endpoint, importRoots: self.context.configuration.importRoots)
        } catch where error.kind == .unauthorized {
            throw error
        } catch {
            return ProbeResult(status: .invalidURL, errorMessages: error.messages)
        }
        if source.isFile { try caller.require(.readStorage) }
        return await fetcher.probe(source)
    }

    /// What PULL answers on a server without a source fetcher.
    static let pullUnsupported = APIError(
        .unsupported, id: "com.vmware.content.library.item.updatesession.file.pull",
        "This server does not pull files (it has no source fetcher); upload the file with PUSH."
    )
}
