//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import NIOCore
import Synchronization

/// A `SourceFetcher` that serves the same bytes for every source and answers every probe with
/// one result, recording what it was asked: the wire dialects' tests need no network.
final class CannedFetcher: SourceFetcher {
    let bytes: [UInt8]
    let probeResult: ProbeResult
    private let asked = Mutex<[String]>([])

    init(bytes: [UInt8] = [], probe: ProbeResult = ProbeResult(status: .success)) {
        self.bytes = bytes
        self.probeResult = probe
    }

    /// The URIs fetched or probed, in order.
    var requests: [String] { self.asked.withLock { $0 } }

    func fetch<Result: Sendable>(_ source: PullSource, consume: (SourceResponse) async throws -> Result) async throws -> Result {
        self.asked.withLock { $0.append(source.uri) }
        let body = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(bytes: self.bytes))
            continuation.finish()
        }
        return try await consume(SourceResponse(expectedLength: Int64(self.bytes.count), body: SourceBytes(body)))
    }

    func probe(_ source: PullSource) async -> ProbeResult {
        self.asked.withLock { $0.append(source.uri) }
        return self.probeResult
    }
}
