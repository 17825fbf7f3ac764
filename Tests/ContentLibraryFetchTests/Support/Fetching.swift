//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryFetch
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import NIOCore
import Testing

/// What a test fetch returned: the announced length and every byte.
struct Fetched: Sendable {
    var expectedLength: Int64?
    var bytes: [UInt8]
}

extension HTTPSourceFetcher {
    /// Fetches a URL (optionally pinned) and collects it.
    func collect(_ uri: String, thumbprint: String? = nil, certificate: String? = nil) async throws -> Fetched {
        let source = try PullSource(
            TransferEndpoint(uri: uri, sslCertificateThumbprint: thumbprint, sslCertificate: certificate), importRoots: ImportRoots([])
        )
        return try await self.collect(source)
    }

    /// Fetches a source and collects it.
    func collect(_ source: PullSource) async throws -> Fetched {
        try await self.fetch(source) { response in
            var bytes: [UInt8] = []
            for try await buffer in response.body { bytes += buffer.readableBytesView }
            return Fetched(expectedLength: response.expectedLength, bytes: bytes)
        }
    }

    /// Probes a URL (optionally pinned).
    func probe(_ uri: String, thumbprint: String? = nil) async throws -> ProbeResult {
        await self.probe(try PullSource(TransferEndpoint(uri: uri, sslCertificateThumbprint: thumbprint), importRoots: ImportRoots([])))
    }
}

/// Runs `body` and returns the `SourceFetchError` it throws; fails the test if it throws anything else or nothing.
func fetchError(_ body: () async throws -> Fetched, sourceLocation: SourceLocation = #_sourceLocation) async -> SourceFetchError? {
    do {
        let fetched = try await body()
        Issue.record("expected a SourceFetchError, fetched \(fetched.bytes.count) bytes", sourceLocation: sourceLocation)
    } catch let error as SourceFetchError {
        return error
    } catch {
        Issue.record("expected a SourceFetchError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Pseudo-random test content.
func testBytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: state >> 33)
    }
}
