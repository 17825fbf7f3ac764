//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Testing

/// `validate --adapters`, `adapters --adapters` and the QCOW2 example, offline through the built executable.
@Suite struct CustomAdapterCommandTests {
    static let configuration = CommandRunner.repositoryRoot
        .appendingPathComponent("examples/external-adapters/textfile/adapters.json").path

    let folder: String

    init() throws {
        self.folder = NSTemporaryDirectory() + "custom-adapters-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = self.folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theExternalAdapterRunsOffline() throws {
        defer { try? FileManager.default.removeItem(atPath: self.folder) }
        let good = try self.write("notes.txt", Array("hello\n".utf8))
        let passed = try CommandRunner.run(["validate", "--adapters", Self.configuration, "--type", "textfile", good])
        #expect(passed.status == 0, "\(passed.stdout)\(passed.stderr)")
        #expect(passed.stdout.contains("Text file (textfile): 0 errors"))

        let bad = try self.write("blob.txt", [0x00, 0xFF])
        let failed = try CommandRunner.run(["validate", "--adapters", Self.configuration, "--type", "textfile", bad])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("TXT-001"))

        let warned = try self.write("trailing.txt", Array("x \n".utf8))
        let blocked = try CommandRunner.run(["validate", "--adapters", Self.configuration, "--type", "textfile", warned])
        #expect(blocked.status == 1)
        #expect(blocked.stdout.contains("TEXT_TRAILING_WHITESPACE"))
        let ignored = try CommandRunner.run([
            "validate", "--adapters", Self.configuration, "--type", "textfile", "--ignore-warning", "TEXT_TRAILING_WHITESPACE", warned,
        ])
        #expect(ignored.status == 0)
    }

    @Test func autoPicksTheExternalAdapterThatClaimsTheFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: self.folder) }
        let notes = try self.write("notes.txt", Array("hello\n".utf8))
        let claimed = try CommandRunner.run(["validate", "--adapters", Self.configuration, notes])
        #expect(claimed.status == 0, "\(claimed.stdout)\(claimed.stderr)")
        #expect(claimed.stdout.contains("Text file (textfile): 0 errors"))
        #expect(try CommandRunner.run(["validate", notes]).stdout.contains("Generic file (generic)"))
    }

    @Test func aBadConfigurationIsAUsageError() throws {
        defer { try? FileManager.default.removeItem(atPath: self.folder) }
        let good = try self.write("notes.txt", Array("hello\n".utf8))
        let result = try CommandRunner.run(["validate", "--adapters", self.folder + "/absent.json", good])
        #expect(result.status == 2)
        #expect(result.stderr.contains("absent.json"))
    }

    @Test func adaptersListsBuiltInSwiftAndExternalAdaptersWithTheirWarnings() throws {
        let result = try CommandRunner.run(["adapters", "--adapters", Self.configuration])
        #expect(result.status == 0)
        for text in ["ovf\t", "iso\t", "generic\t", "qcow2\t", "textfile\t", "TEXT_LONG_LINE (ignored by default)",
                     "TEXT_TRAILING_WHITESPACE (blocking by default)", "QCOW2_DIRTY"] {
            #expect(result.stdout.contains(text), "\(text) in \(result.stdout)")
        }
        #expect(!(try CommandRunner.run(["adapters"])).stdout.contains("textfile"))
    }

    @Test func qcow2ImagesAreGuessedAndValidatedOffline() throws {
        defer { try? FileManager.default.removeItem(atPath: self.folder) }
        var header = [UInt8](repeating: 0, count: 104)
        header.replaceSubrange(0..<8, with: [0x51, 0x46, 0x49, 0xFB, 0, 0, 0, 9])
        let image = try self.write("disk.qcow2", header)
        let result = try CommandRunner.run(["validate", image])
        #expect(result.status == 1)
        #expect(result.stdout.contains("QCOW2-003"))
        #expect(result.stdout.contains("(qcow2)"))
    }
}
