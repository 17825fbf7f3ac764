//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import NIOCore

/// An opened PULL source: the length it announced and its bytes, read once, in order.
///
/// The bytes are a type-erased async sequence so that an HTTP body, a pinned TLS connection
/// and a local file look the same to the code that stores them.
package struct SourceResponse {
    /// The length the source announced (`Content-Length`, a file's size), if any.
    package var expectedLength: Int64?
    /// The bytes.
    package var body: SourceBytes

    /// Creates a response.
    package init(expectedLength: Int64?, body: SourceBytes) {
        self.expectedLength = expectedLength
        self.body = body
    }
}

/// The bytes of a PULL source as an `AsyncSequence` of `ByteBuffer`, whatever produced them.
package struct SourceBytes: AsyncSequence {
    package typealias Element = ByteBuffer

    private let next: () async throws -> ByteBuffer?

    /// Wraps any sequence of buffers; it is iterated once.
    package init<Base: AsyncSequence>(_ base: Base) where Base.Element == ByteBuffer {
        let iterator = IteratorBox(base.makeAsyncIterator())
        self.next = { try await iterator.next() }
    }

    /// Makes the iterator; the sequence can be iterated only once.
    package func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(next: self.next)
    }

    /// Iterates the wrapped sequence.
    package struct AsyncIterator: AsyncIteratorProtocol {
        let next: () async throws -> ByteBuffer?

        /// The next buffer, `nil` at the end.
        package mutating func next() async throws -> ByteBuffer? {
            try await self.next()
        }
    }

    /// Holds the base iterator, which `next()` mutates.
    private final class IteratorBox<Base: AsyncIteratorProtocol> where Base.Element == ByteBuffer {
        var base: Base
        init(_ base: Base) { self.base = base }
        func next() async throws -> ByteBuffer? { try await self.base.next() }
    }
}
