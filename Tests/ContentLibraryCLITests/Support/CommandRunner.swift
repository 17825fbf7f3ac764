//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing

/// Runs the built `content-library` executable, as a user or a CI script would.
enum CommandRunner {
    /// The repository root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `fixtures/` folder.
    static let fixtures = repositoryRoot.appendingPathComponent("fixtures")

    /// The executable next to the test bundle.
    static func executable() throws -> URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("content-library"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("content-library"),
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("content-library"),
        ].compactMap { $0 }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) })
    }

    /// Runs the command and returns its status and outputs.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
