//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ExternalAdapter
import Foundation

/// A temporary folder of shell-script adapters, removed when the last reference goes.
final class ScriptFolder: Sendable {
    let path: String

    init() throws {
        self.path = NSTemporaryDirectory() + "external-adapter-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: self.path) }

    /// Writes an executable `/bin/sh` script; returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let path = self.path + "/" + name
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// Writes a data file; returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = self.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// An adapter of type `test` running a script with the given body.
    func adapter(_ body: String, timeout: Double? = nil, maxOutputBytes: Int? = nil) throws -> ExternalAdapter {
        let command = try self.script("adapter-\(UUID().uuidString).sh", body)
        return ExternalAdapter(ExternalAdapterDefinition(
            type: "test", description: "A test adapter.", vendor: "Tests", version: "1", command: command,
            warnings: [.init(type: "TEST_WARNING", ignoredByDefault: false, description: "A test warning.")],
            timeoutSeconds: timeout, maxOutputBytes: maxOutputBytes
        ))
    }
}
