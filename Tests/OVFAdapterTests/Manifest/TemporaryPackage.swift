//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation

/// A package written to a fresh temporary directory for one test, removed when released.
///
/// Manifest tests build their packages here byte by byte; certificate tests copy a fixture
/// package here when they need to alter one of its files.
final class TemporaryPackage {
    /// The directory holding the files.
    let directory: URL
    /// The file names, in the order written.
    private(set) var names: [String] = []

    /// Writes `files` (name → UTF-8 text) to a new temporary directory.
    init(_ files: KeyValuePairs<String, String> = [:]) throws {
        self.directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mfcert-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        for (name, text) in files { try self.write(name, Array(text.utf8)) }
    }

    deinit { try? FileManager.default.removeItem(at: self.directory) }

    /// Writes (or replaces) one file.
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: self.directory.appendingPathComponent(name))
        if !self.names.contains(name) { self.names.append(name) }
    }

    /// Writes (or replaces) one file from text.
    func write(_ name: String, _ text: String) throws { try self.write(name, Array(text.utf8)) }

    /// Copies every regular file of `source` into the package.
    func copy(from source: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path).sorted() {
            try self.write(name, Array(try Data(contentsOf: source.appendingPathComponent(name))))
        }
    }

    /// The path of a file.
    func path(_ name: String) -> String { self.directory.appendingPathComponent(name).path }

    /// The bytes of a file.
    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: self.directory.appendingPathComponent(name)))
    }

    /// A content view over every file written, nothing known in advance.
    func view() throws -> LocalContentView { try LocalContentView(paths: self.names.map(self.path)) }

    /// The lower-case hex digest of a file, as a publisher's manifest would carry it.
    func digest(_ name: String, _ algorithm: ChecksumAlgorithm = .sha256) throws -> String {
        StreamingHasher.digest(try self.bytes(name), algorithm: algorithm)
    }
}
