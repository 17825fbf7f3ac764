//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `content-library` command: the server's toolkit, starting with offline validation.
public struct ContentLibraryCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "content-library",
        abstract: "vSphere Content Library update-session server and toolkit.",
        subcommands: [ServeCommand.self, ValidateCommand.self, ImportCommand.self, ExportCommand.self, AdaptersCommand.self, UserCommand.self]
    )

    public init() {}
}

/// The process entry point, so the executable target stays one line.
public enum ContentLibraryMain {
    /// Parses the arguments and runs the chosen subcommand, then exits with its status.
    ///
    /// Usage errors exit with 2 (not ArgumentParser's 64), as `validate` documents:
    /// 0 passed, 1 failed validation, 2 usage or I/O.
    public static func main(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            var command = try ContentLibraryCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(0)
        } catch {
            let code = ContentLibraryCommand.exitCode(for: error)
            if code == .success {
                ContentLibraryCommand.exit(withError: error)
            }
            let message = ContentLibraryCommand.fullMessage(for: error)
            if !message.isEmpty {
                FileStream.standardError.write(message + "\n")
            }
            exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}

/// The exit statuses of the toolkit's commands.
public enum ExitStatus: Int32, Sendable {
    /// No errors and no blocking warning.
    case passed = 0
    /// Errors or blocking warnings.
    case failed = 1
    /// Bad usage, or a path that cannot be read.
    case usage = 2
}
