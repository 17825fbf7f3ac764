//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel
import CFuzzerDriver
import Dispatch
import Foundation

/// A content view over byte arrays: the fuzz input becomes a file the adapters read as they
/// would read an upload, without touching the disk.
public struct FuzzContentView: ContentView {
    /// The bytes of each file.
    let data: [String: [UInt8]]
    /// The files, in the order given.
    public let files: [ContentFile]

    /// Creates a view of `(name, bytes)` pairs.
    public init(_ entries: [(name: String, bytes: [UInt8])]) {
        self.data = Dictionary(entries.map { ($0.name, $0.bytes) }, uniquingKeysWith: { _, last in last })
        self.files = entries.map { ContentFile(name: $0.name, size: Int64($0.bytes.count)) }
    }

    /// A slice of the file's bytes; an empty array past the end, as a file on disk would answer.
    public func read(_ name: String, offset: Int64, count: Int) async throws(ContentViewError) -> [UInt8] {
        guard let bytes = self.data[name] else { throw .notFound(name) }
        guard offset >= 0, offset < Int64(bytes.count), count > 0 else { return [] }
        let start = Int(offset)
        let end = start + min(count, bytes.count - start)
        return Array(bytes[start..<end])
    }

    /// The digest, computed from the bytes.
    public func digest(of name: String, algorithm: ChecksumAlgorithm) async throws(ContentViewError) -> String {
        try await self.computeDigest(of: name, algorithm: algorithm)
    }
}

/// Validates `content` with `adapter` and waits for the report: libFuzzer calls its entry point
/// synchronously, and the adapters' checks are async.
public func validateBlocking(_ adapter: some TypeAdapter, _ content: FuzzContentView, options: ValidationOptions) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        _ = await adapter.validate(content, options: options)
        done.signal()
    }
    done.wait()
}

/// Runs `work` and waits for it: libFuzzer calls its entry point synchronously, and the readers
/// of uploads are async.
public func waitFor(_ work: @escaping @Sendable () async -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        await work()
        done.signal()
    }
    done.wait()
}

/// The fuzz input as bytes.
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    Array(UnsafeBufferPointer(start: data, count: size))
}

/// A fuzz target's test function: libFuzzer's `LLVMFuzzerTestOneInput`.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs libFuzzer with the process arguments (its flags, corpus folders or inputs to replay) on
/// `test`, and exits with its status. Each target's `@main` calls it: SwiftPM renames an
/// executable's `main`, so libFuzzer's own `main` is never linked.
public func runFuzzer(_ test: FuzzTest) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
