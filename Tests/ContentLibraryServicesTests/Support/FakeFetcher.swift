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

/// A `SourceFetcher` that answers from a script per URI, so the services' pull logic is tested
/// without a socket: whole files, failures, and bodies that stop at a gate until the test opens it.
final class FakeFetcher: SourceFetcher {
    /// What a URI answers.
    enum Script: Sendable {
        /// These bytes, announced with their length.
        case bytes([UInt8])
        /// Fails before any byte.
        case failure(SourceFetchError)
        /// `first`, then waits for the gate, then `rest` (or `error` after the gate).
        case gated(first: [UInt8], rest: [UInt8], gate: Gate, then: SourceFetchError? = nil)
    }

    private let scripts: Mutex<[String: Script]>
    private let fetched = Mutex<[String]>([])

    init(_ scripts: [String: Script]) {
        self.scripts = Mutex(scripts)
    }

    /// The URIs fetched so far, in order.
    var fetches: [String] { self.fetched.withLock { $0 } }

    func fetch<Result: Sendable>(_ source: PullSource, consume: (SourceResponse) async throws -> Result) async throws -> Result {
        self.fetched.withLock { $0.append(source.uri) }
        guard let script = self.scripts.withLock({ $0[source.uri] }) else {
            throw SourceFetchError(.httpStatus, "\(source.uri) answered HTTP 404 Not Found.", status: 404)
        }
        switch script {
        case .bytes(let bytes):
            return try await consume(SourceResponse(expectedLength: Int64(bytes.count), body: SourceBytes(Chunks([bytes], gate: nil, then: nil))))
        case .failure(let error):
            throw error
        case .gated(let first, let rest, let gate, let error):
            let body = Chunks([first, rest], gate: gate, then: error)
            return try await consume(SourceResponse(expectedLength: Int64(first.count + rest.count), body: SourceBytes(body)))
        }
    }

    func probe(_ source: PullSource) async -> ProbeResult {
        self.scripts.withLock { $0[source.uri] } == nil ? ProbeResult(status: .resourceNotFound) : ProbeResult(status: .success)
    }
}

/// Opened once by the test; a body waiting at it goes on, and a cancelled one stops.
final class Gate: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (self.stream, self.continuation) = AsyncStream.makeStream(of: Void.self)
    }

    /// Lets the waiting body go on.
    func open() { self.continuation.finish() }

    /// Waits until the gate opens; throws when the task is cancelled first.
    func wait() async throws {
        for await _ in self.stream {}
        try Task.checkCancellation()
    }
}

/// Chunks of bytes with an optional gate after the first one: a fetched body, or an uploaded one.
struct Chunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [[UInt8]]
    let gate: Gate?
    let then: SourceFetchError?

    init(_ chunks: [[UInt8]], gate: Gate? = nil, then: SourceFetchError? = nil) {
        self.chunks = chunks
        self.gate = gate
        self.then = then
    }

    func makeAsyncIterator() -> Iterator { Iterator(chunks: self.chunks, gate: self.gate, then: self.then) }

    struct Iterator: AsyncIteratorProtocol {
        let chunks: [[UInt8]]
        let gate: Gate?
        let then: SourceFetchError?
        var index = 0

        mutating func next() async throws -> ByteBuffer? {
            guard self.index < self.chunks.count else { return nil }
            if self.index == 1, let gate = self.gate {
                try await gate.wait()
                if let then = self.then { throw then }
            }
            defer { self.index += 1 }
            return ByteBuffer(bytes: self.chunks[self.index])
        }
    }
}
