//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryClient
import Foundation

/// A folder under the system temporary directory, removed when the test is done.
struct TemporaryFolder: ~Copyable {
    let path: String

    init() throws {
        self.path = NSTemporaryDirectory() + "content-library-client-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: self.path) }

    /// Writes a file and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = self.path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Copies the files of a fixture folder here.
    func copy(fixture folder: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.path(folder)) {
            try self.write(name, Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(folder + "/" + name)))))
        }
    }
}

/// The repository's `fixtures/` folder.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures").path

    /// A path under `fixtures/`.
    static func path(_ relative: String) -> String { root + "/" + relative }

    /// The bytes of a fixture file.
    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: self.path(relative))))
    }

    /// The bytes of a slice of a local file.
    static func bytes(of slice: FileSlice) throws -> [UInt8] {
        let all = Array(try Data(contentsOf: URL(fileURLWithPath: slice.path)))
        return Array(all[Int(slice.offset)..<Int(slice.offset + slice.length)])
    }
}
