//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser

/// The `content-library` command: offline validation now, the server later.
public struct ContentLibraryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "content-library",
        abstract: "vSphere Content Library update-session server and toolkit.",
        subcommands: []
    )

    public init() {}
}

/// The process entry point, so the executable target stays one line.
public enum ContentLibraryMain {
    /// Parses the arguments and runs the chosen subcommand; exits the process.
    public static func main() async {
        await ContentLibraryCommand.main()
    }
}
