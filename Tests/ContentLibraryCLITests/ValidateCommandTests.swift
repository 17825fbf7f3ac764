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

    /// `--trusted-ca` adds a CA to the system bundle: the private CA's package then passes, and a
    /// file without a certificate is refused as a usage error naming it.
    @Test func aTrustedCAMakesItsPackageTrusted() throws {
        let fixtures = CommandRunner.fixtures.path
        let package = fixtures + "/cert/ca-signed"
        #expect(try CommandRunner.run(["validate", "--type", "ovf", package]).status == 1, "untrusted without the flag")
        let trusted = try CommandRunner.run(["validate", "--type", "ovf", "--trusted-ca", fixtures + "/cert/private-ca.pem", package])
        #expect(trusted.status == 0, "\(trusted.stdout)\(trusted.stderr)")
        #expect(!trusted.stdout.contains("UNTRUSTED_CERTIFICATE"))
        let notACertificate = try CommandRunner.run(["validate", "--trusted-ca", package + "/pkg.mf", package])
        #expect(notACertificate.status == 2)
        #expect(notACertificate.stderr.contains("no PEM certificate"), "\(notACertificate.stderr)")
    }

    @Test func helpExitsWithZero() throws {
        let help = try CommandRunner.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--descriptor-only"))
    }
}
