//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI

/// Reads the bytes of a PULL source: the seam between the domain and the network.
///
/// The services decide which sources are allowed (`PullSource`), when a pull runs, and what its
/// bytes must be (size, checksum); an implementation only reads. The server uses the
/// AsyncHTTPClient one (`ContentLibraryFetch`); tests use a fake, so no service test needs a socket.
package protocol SourceFetcher: Sendable {
    /// Opens `source` and hands its bytes to `consume`, which runs while the connection or file
    /// is open; the source is closed when `consume` returns or throws.
    ///
    /// Cancelling the calling task stops the transfer.
    /// - Throws: `SourceFetchError` when the source cannot be read (status, certificate,
    ///   redirects, time-out, connection); whatever `consume` throws.
    func fetch<Result: Sendable>(
        _ source: PullSource, consume: (SourceResponse) async throws -> Result
    ) async throws -> Result

    /// Checks whether `source` can be pulled now, without transferring its content: the legacy `probe`.
    func probe(_ source: PullSource) async -> ProbeResult
}
