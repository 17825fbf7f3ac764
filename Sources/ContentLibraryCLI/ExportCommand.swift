//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryAPI
import ContentLibraryClient
import Foundation

/// `content-library export`: a whole download session, the twin of `import`: every file of an
/// item downloaded with progress, resumed with `Range`, verified against the server's checksum
/// while it is written, into a folder or one `.ova`.
public struct ExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a library item's files into a folder, or into one .ova with --ova, through a download session.",
        discussion: """
            The item is served as it is when the download session opens, even if an update session \
            completes a new version meanwhile. Every file is checked against the server's SHA-256 as it \
            is written; a broken download resumes where it stopped. In a folder, files are written as \
            NAME.part and renamed once verified, and running the same command again skips the files \
            already there and continues the .part files. With --ova, DEST is the .ova to write (the \
            descriptor first, the manifest next), which validate and import accept.

            Exit status: 0 exported, 1 the server refused or the bytes did not verify, 2 a usage or \
            connection problem.
            """
    )

    @OptionGroup var connection: ServerConnectionOptions

    @Option(help: "The item, by name.")
    var item: String

    @Flag(help: "Write one .ova file at DEST instead of a folder.")
    var ova = false

    @Option(help: "How many times a broken download is resumed in a row before giving up.")
    var retries = 5

    @Argument(help: "The folder to write the files into (created if needed), or with --ova the .ova file.")
    var destination: String

    public init() {}

    public func validate() throws {
        if self.retries < 0 {
            throw ArgumentParser.ValidationError("--retries must not be negative")
        }
    }

    public func run() async throws {
        let renderer = ProgressRenderer.forStandardError()
        let interruption = InterruptHandler {
            renderer.finish()
            FileStream.standardError.write(
                "content-library export: interrupted. Run the same command again: files already written are kept and checked, "
                    + "a .part file continues where it stopped.\n"
            )
        }
        defer { interruption.cancel() }
        do throws(ClientError) {
            let options = ExportOptions(
                server: try self.connection.baseURL(), user: self.connection.user,
                password: try self.connection.password(), libraryName: self.connection.library,
                itemName: self.item, destination: self.destination, ova: self.ova, retry: RetryPolicy(maxRetries: self.retries)
            )
            let result = try await Exporter(options: options, events: { renderer.handle($0) }).run()
            renderer.finish()
            let files = result.files.map { "\($0.name) (\($0.size) bytes)" }.joined(separator: ", ")
            FileStream.standardOutput.write(
                "DONE: item \(result.item.name ?? "?") (\(result.item.id ?? "?")) content_version \(result.contentVersion) "
                    + "written to \(result.destination); files: \(files.isEmpty ? "none" : files)\n"
            )
        } catch {
            renderer.finish()
            FileStream.standardError.write("content-library export: \(error.description)\n")
            throw ExitCode(error.isUsageOrConnection ? ExitStatus.usage.rawValue : ExitStatus.failed.rawValue)
        }
    }
}
