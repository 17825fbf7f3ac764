//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ArgumentParser
import ContentLibraryAdapters
import ContentLibraryModel

/// `content-library validate`: the adapters of the server, run offline before an upload.
public struct ValidateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate files, a package folder or an OVA with the type adapters, before uploading.",
        discussion: "Exit status: 0 when there are no errors and no blocking warning, 1 when there are, 2 on a usage or I/O problem."
    )

    /// The item type to validate as: `auto` asks the registry which adapter claims the file names.
    @Option(name: .long, help: "Item type: ovf, iso, another registered type, or auto (the type whose adapter claims the file names).")
    var type: String = "auto"

    /// Check only the OVF descriptor, not the files it references.
    @Flag(name: .long, help: "Check an OVF descriptor without its referenced files.")
    var descriptorOnly = false

    /// Print JSON instead of lines.
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    /// Warning types that should not block, as a session's warning_behavior would say.
    @Option(name: .customLong("ignore-warning"), help: "A warning type to ignore (repeatable), e.g. SELF_SIGNED_CERTIFICATE.")
    var ignoreWarning: [String] = []

    /// A JSON file of external adapters (see docs/external-adapters.md).
    @Option(name: .customLong("adapters"), help: "A JSON file declaring external adapters (docs/external-adapters.md).")
    var adaptersConfiguration: String?

    /// PEM files of certificate authorities trusted for OVF signatures besides the system bundle.
    @Option(name: .customLong("trusted-ca"), help: "A PEM file of CA certificates trusted for OVF package signatures, besides the system bundle (repeatable).")
    var trustedCAs: [String] = []

    /// For `scripts/bench validate` (hidden): validate this many more times after the reported run
    /// and print the mean in-process time per validation to standard error, so that the adapter's
    /// own cost can be compared with a parser's without the process start on either side.
    @Option(name: .customLong("benchmark-runs"), help: .hidden)
    var benchmarkRuns: Int = 0

    /// Files, package folders or OVAs.
    @Argument(help: "Files, a folder holding a package, or an .ova.")
    var paths: [String]

    public init() {}

    public func run() async throws {
        let content: LocalContentView
        do {
            content = try ContentCollector().collect(self.paths)
        } catch {
            FileStream.standardError.write("content-library validate: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let registry: AdapterRegistry
        do {
            registry = try CommandAdapters.registry(configuration: self.adaptersConfiguration, trustedCAs: self.trustedCAs)
        } catch {
            FileStream.standardError.write("content-library validate: \(error)\n")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let itemType = self.type == "auto" ? registry.itemType(forFileNames: content.fileNames) : self.type
        if !registry.hasAdapter(forItemType: itemType), itemType.lowercased() != registry.fallback.itemType {
            FileStream.standardError.write("content-library validate: no adapter for type '\(itemType)'; validating as generic files\n")
        }
        let run = await ValidationRun.run(
            content: content,
            itemType: itemType,
            registry: registry,
            options: ValidationOptions(descriptorOnly: self.descriptorOnly),
            ignoring: self.ignoreWarning.map { WarningType(rawValue: $0) }
        )
        let formatter = ReportFormatter()
        FileStream.standardOutput.write(self.json ? try formatter.json(run) : formatter.human(run))
        if self.benchmarkRuns > 0 {
            let options = ValidationOptions(descriptorOnly: self.descriptorOnly)
            let clock = ContinuousClock()
            let elapsed = await clock.measure {
                for _ in 0..<self.benchmarkRuns {
                    _ = await registry.adapter(forItemType: itemType).validate(content, options: options)
                }
            }
            let (seconds, attoseconds) = elapsed.components
            let milliseconds = (Double(seconds) * 1e3 + Double(attoseconds) / 1e15) / Double(self.benchmarkRuns)
            FileStream.standardError.write("validation took \(milliseconds) ms per run in process (mean of \(self.benchmarkRuns) runs)\n")
        }
        if !run.passed { throw ExitCode(ExitStatus.failed.rawValue) }
    }
}
