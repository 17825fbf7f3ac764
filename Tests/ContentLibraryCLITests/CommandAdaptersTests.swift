//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ArgumentParser
import ContentLibraryAdapters
@testable import ContentLibraryCLI
import ContentLibraryClient
import Foundation
import Testing

/// The item type `validate --type auto` and `import` give a set of files: one answer, the
/// shipped registry's (plus `--adapters`).
@Suite struct CommandAdaptersTests {
    static let configuration = CommandRunner.repositoryRoot
        .appendingPathComponent("examples/external-adapters/textfile/adapters.json").path

    @Test(arguments: [
        (["pkg.ovf", "pkg.mf", "disk1.vmdk"], "ovf"),
        (["Appliance.OVA"], "ovf"),
        (["pkg.ovf", "disk1.vmdk", "tools.iso"], "ovf"),
        (["debian.iso"], "iso"),
        (["disk.qcow2"], "qcow2"),
        (["notes.txt", "README"], "generic"),
    ])
    func theShippedAdaptersClaimTheirFiles(names: [String], itemType: String) throws {
        #expect(try CommandAdapters.registry(configuration: nil).itemType(forFileNames: names) == itemType)
    }

    @Test func externalAdaptersClaimTheirExtensions() throws {
        let registry = try CommandAdapters.registry(configuration: Self.configuration)
        #expect(registry.itemType(forFileNames: ["notes.txt", "README"]) == "textfile")
        #expect(registry.itemType(forFileNames: ["pkg.ovf", "README.txt"]) == "ovf")
    }

    @Test func importTypesANewItemAsValidateDoes() async throws {
        let folder = NSTemporaryDirectory() + "import-type-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = folder + "/x.qcow2"
        let notes = folder + "/notes.txt"
        try Data([0x51, 0x46, 0x49, 0xFB]).write(to: URL(fileURLWithPath: image))
        try Data("hello\n".utf8).write(to: URL(fileURLWithPath: notes))
        let connection = ["--server", "http://127.0.0.1:9", "--user", "u", "--library", "l"]

        let plain = try ImportCommand.parse(connection + [image])
        #expect(try await plain.planner().plan(path: image).itemType == "qcow2")
        #expect(try await plain.planner().plan(path: notes).itemType == nil)  // generic: created without a type

        let external = try ImportCommand.parse(connection + ["--adapters", Self.configuration, notes])
        #expect(try await external.planner().plan(path: notes).itemType == "textfile")

        let broken = try ImportCommand.parse(connection + ["--adapters", folder + "/absent.json", notes])
        let error = #expect(throws: (any Error).self) { try broken.planner() }
        #expect("\(String(describing: error))".contains("absent.json"))
    }
}
