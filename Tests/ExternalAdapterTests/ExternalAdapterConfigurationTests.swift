//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ExternalAdapter
import Foundation
import Testing

@Suite struct ExternalAdapterConfigurationTests {
    let folder: ScriptFolder

    init() throws { self.folder = try ScriptFolder() }

    @Test func aConfigurationResolvesCommandsAndTheConfigFolder() throws {
        _ = try self.folder.script("check.sh", "exit 0")
        let path = try self.folder.file("adapters.json", #"""
            {"protocol_version": 1, "adapters": [
              {"type": "one", "name": "One", "description": "d", "vendor": "v", "version": "2", "command": "./check.sh",
               "arguments": ["--data", "{config_dir}/data"], "timeout_seconds": 5, "max_output_bytes": 100,
               "warnings": [{"type": "ONE_WARNING", "ignored_by_default": true, "description": "w"}], "extensions": ["txt", "md"]},
              {"type": "two", "command": "sh", "session_refusal": "no"}
            ]}
            """#)
        let adapters = try ExternalAdapter.load(configuration: path)
        #expect(adapters.map(\.itemType) == ["one", "two"])
        let one = adapters[0]
        #expect(one.info == TypeInfo(type: "one", name: "One", description: "d", vendor: "v", version: "2"))
        #expect(one.definition.command == URL(fileURLWithPath: self.folder.path + "/check.sh").standardizedFileURL.path)
        #expect(one.definition.arguments == ["--data", URL(fileURLWithPath: self.folder.path).standardizedFileURL.path + "/data"])
        #expect(one.warningDeclarations == [WarningDeclaration(type: "ONE_WARNING", ignoredByDefault: true, description: "w")])
        #expect(one.definition.timeoutSeconds == 5)
        #expect(adapters[1].definition.command.hasSuffix("/sh"))
        #expect(adapters[1].info.name == "two")
        #expect(one.fileClaim == FileClaim(extensions: ["txt", "md"]))
        #expect(adapters[1].fileClaim == .nothing)
    }

    @Test func anAdapterClaimsItsExtensionsAsContent() throws {
        let path = try self.folder.file("adapters.json", #"""
            {"protocol_version": 1, "adapters": [
              {"type": "text", "command": "sh", "extensions": ["txt"]},
              {"type": "package", "command": "sh", "extensions": ["ovf"]}
            ]}
            """#)
        let adapters = try ExternalAdapter.load(configuration: path)
        let registry = AdapterRegistry(fallback: adapters[0], adapters: adapters)
        #expect(registry.itemType(forFileNames: ["notes.TXT", "README"]) == "text")
        #expect(registry.itemType(forFileNames: ["pkg.ovf", "a.txt", "b.txt"]) == "text")  // content claims only: the most names
        #expect(adapters[1].fileClaim.priority == .content)
    }

    @Test(arguments: [
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "/nonexistent/tool"}]}"#, "not an executable"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh"}, {"type": "X", "command": "sh"}]}"#, "declared twice"),
        (#"{"protocol_version": 2, "adapters": []}"#, "protocol_version 2"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x"}]}"#, "missing 'command'"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh", "timeout_seconds": 0}]}"#, "timeout_seconds"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh", "extensions": ["txt", ""]}]}"#, "'x': extensions must not hold an empty string"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh", "extensions": [".txt"]}]}"#, "'x': extension '.txt' must have no dot or slash"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh", "extensions": ["a/b"]}]}"#, "extension 'a/b' must have no dot or slash"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh", "extensions": ["TXT"]}]}"#, "extension 'TXT' must be lower case ('txt')"),
        (#"{"protocol_version": 1, "adapters": [{"type": "x", "command": "sh", "extensions": "txt"}]}"#, "extensions"),
        ("not json", "not a valid adapter configuration"),
    ])
    func badConfigurationsAreRefusedWithAClearMessage(json: String, expected: String) throws {
        let path = try self.folder.file("adapters.json", json)
        do {
            _ = try ExternalAdapterConfiguration.load(path: path)
            Issue.record("loaded \(json)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains("adapters.json"))
        }
    }

    @Test func anUnreadableFileIsRefused() {
        #expect(throws: ExternalAdapterConfiguration.LoadError.self) {
            _ = try ExternalAdapterConfiguration.load(path: self.folder.path + "/absent.json")
        }
    }
}
