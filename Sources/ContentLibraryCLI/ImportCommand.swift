//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryClient
import ContentLibraryModel
import ContentLibraryAPI
import Foundation

/// `content-library import`: a whole update session from a local package, image or file (or a
/// URL the server pulls), with progress, resumed uploads and the server's validation verdict.
public struct ImportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an OVF folder, an .ova, an ISO or any file into a library item through an update session.",
        discussion: """
            The item is found by name in the library, or created (type from --type, else the type whose \
            adapter claims the file names, as validate --type auto picks it: .ovf folder or .ova -> ovf, \
            .iso -> iso, .qcow2 -> qcow2, an external adapter's extensions with --adapters, anything else \
            generic). Its content becomes exactly \
            the files sent. OVA members are sent straight from the archive. A broken upload resumes \
            from the server's offset. With --pull URL the server fetches the file(s) instead; PATH is \
            then optional and, when given, is the local copy used for names and checksums.

            Exit status: 0 imported, 1 the server or the package refused the import (validation, \
            warnings, checksum), 2 a usage or connection problem.
            """
    )

    @OptionGroup var connection: ServerConnectionOptions

    @Option(help: "The item name (default: the file or folder name, without .ovf/.ova).")
    var item: String?

    @Option(help: "The type of a new item: ovf, iso, or any type the server knows (default: guessed from the names).")
    var type: String?

    /// A JSON file of external adapters, whose `extensions` type a new item as in `validate`.
    @Option(name: .customLong("adapters"), help: "A JSON file declaring external adapters (docs/external-adapters.md); their extensions type a new item.")
    var adaptersConfiguration: String?

    @Option(name: .customLong("ignore-warning"), help: "A warning type to accept (repeatable), e.g. SELF_SIGNED_CERTIFICATE.")
    var ignoreWarning: [String] = []

    @Option(help: "Let the server fetch the file from this http(s) URL (a folder URL ending with / for several files).")
    var pull: String?

    @Option(help: "Pin the --pull server's certificate by its SHA-256 (or SHA-1) thumbprint (hex, colons optional).")
    var thumbprint: String?

    @Option(help: "How many times a broken upload is resumed in a row before giving up.")
    var retries = 5

    @Argument(help: "An OVF folder or .ovf, an .ova, an .iso, or any file (optional with --pull).")
    var path: String?

    public init() {}

    public func validate() throws {
        if self.path == nil && self.pull == nil {
            throw ArgumentParser.ValidationError("give the PATH to import, or --pull URL")
        }
        if self.thumbprint != nil && self.pull == nil {
            throw ArgumentParser.ValidationError("--thumbprint applies only with --pull")
        }
        if self.retries < 0 {
            throw ArgumentParser.ValidationError("--retries must not be negative")
        }
    }

    public func run() async throws {
        let planner: PackagePlanner
        do {
            planner = try self.planner()
        } catch {
            FileStream.standardError.write("content-library import: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let renderer = ProgressRenderer.forStandardError()
        let interruption = InterruptHandler {
            renderer.finish()
            FileStream.standardError.write(
                "content-library import: interrupted. An update session this run opened stays open: run the same command "
                    + "again before it expires (by default 5 minutes after its last activity) to continue where this run stopped.\n"
            )
        }
        defer { interruption.cancel() }
        do throws(ClientError) {
            let server = try self.connection.baseURL()
            let password = try self.connection.password()
            let plan: ImportPlan
            if let url = self.pull {
                plan = try await planner.pullPlan(url: url, path: self.path)
            } else {
                plan = try await planner.plan(path: self.path ?? ".")
            }
            for note in plan.notes { renderer.handle(.note(note)) }
            let options = ImportOptions(
                server: server, user: self.connection.user, password: password, libraryName: self.connection.library, itemName: self.item,
                itemType: self.type, ignoredWarnings: self.ignoreWarning.map { WarningType(rawValue: $0) },
                thumbprint: try self.thumbprint.map(CertificateThumbprint.normalized), retry: RetryPolicy(maxRetries: self.retries)
            )
            let result = try await Importer(options: options, plan: plan, events: { renderer.handle($0) }).run()
            renderer.finish()
            FileStream.standardOutput.write(Self.summary(result))
        } catch {
            renderer.finish()
            FileStream.standardError.write("content-library import: \(error.description)\n")
            throw ExitCode(error.isUsageOrConnection ? ExitStatus.usage.rawValue : ExitStatus.failed.rawValue)
        }
    }

    /// The planner, typing a new item with the adapters `validate` uses (and those of `--adapters`).
    /// - Throws: ValidationError naming the `--adapters` file when it cannot be used.
    func planner() throws -> PackagePlanner {
        PackagePlanner(registry: try CommandAdapters.registry(configuration: self.adaptersConfiguration))
    }

    /// The line printed on success: the item, its content version and files.
    static func summary(_ result: ImportResult) -> String {
        let item = result.item
        let files = result.files.sorted { $0.name < $1.name }.map { "\($0.name) (\($0.size) bytes)" }.joined(separator: ", ")
        return "DONE: item \(item.name ?? "?") (\(item.id ?? "?")) \(result.created ? "created" : "updated"), "
            + "content_version \(item.contentVersion ?? "?"); files: \(files.isEmpty ? "none" : files)\n"
    }
}
