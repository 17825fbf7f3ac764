//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryAdapters
import ContentLibraryModel
import StandardAdapters

/// `content-library adapters`: the registered adapters and the warning types each may emit.
public struct AdaptersCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "adapters",
        abstract: "List the registered type adapters and their warning types."
    )

    public init() {}

    public func run() throws {
        var text = ""
        for adapter in AdapterRegistry.standard().adapters {
            let info = adapter.info
            text += "\(info.type)\t\(info.name) \(info.version) (\(info.vendor)): \(info.description)\n"
            for warning in adapter.warningDeclarations {
                text += "  warning \(warning.type.rawValue) (\(warning.ignoredByDefault ? "ignored" : "blocking") by default): \(warning.description)\n"
            }
        }
        FileStream.standardOutput.write(text)
    }
}
