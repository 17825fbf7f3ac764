//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing

/// The `validate` command end to end, through the built executable.
@Suite struct ValidateCommandTests {
    @Test func plainFilesPassAsGenericContent() throws {
        let folder = NSTemporaryDirectory() + "validate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("hello".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        let result = try CommandRunner.run(["validate", folder])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Generic file (generic): 0 errors"))
    }

    @Test func usageAndIOProblemsExitWithTwo() throws {
        #expect(try CommandRunner.run(["validate"]).status == 2)
        #expect(try CommandRunner.run(["validate", "--no-such-flag", "x"]).status == 2)
        let absent = try CommandRunner.run(["validate", "/nonexistent/path.ovf"])
        #expect(absent.status == 2)
        #expect(absent.stderr.contains("/nonexistent/path.ovf"))
    }

    @Test func helpExitsWithZero() throws {
        let help = try CommandRunner.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--descriptor-only"))
    }
}
