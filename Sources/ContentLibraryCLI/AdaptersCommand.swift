//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryAdapters
import ContentLibraryModel

/// `content-library adapters`: the registered adapters and the warning types each may emit.
public struct AdaptersCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "adapters",
        abstract: "List the registered type adapters and their warning types."
    )

    /// A JSON file of external adapters (see docs/external-adapters.md).
    @Option(name: .customLong("adapters"), help: "A JSON file declaring external adapters (docs/external-adapters.md).")
    var adaptersConfiguration: String?

    public init() {}

    public func run() throws {
        var text = ""
        for adapter in try CommandAdapters.registry(configuration: self.adaptersConfiguration).adapters {
            let info = adapter.info
            text += "\(info.type)\t\(info.name) \(info.version) (\(info.vendor)): \(info.description)\n"
            for warning in adapter.warningDeclarations {
                text += "  warning \(warning.type.rawValue) (\(warning.ignoredByDefault ? "ignored" : "blocking") by default): \(warning.description)\n"
            }
        }
        FileStream.standardOutput.write(text)
    }
}
