//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel
import Foundation
public import Logging

/// A type adapter implemented by a program in any language, declared in a configuration file.
///
/// Each validation runs the program once (see ExternalAdapterProtocol): no shell, a clean
/// environment (`PATH=/usr/bin:/bin`, `HOME` and `TMPDIR` the working folder, `LANG=C.UTF-8`),
/// a fresh temporary working folder removed afterwards, a time limit (terminate, then kill) and a
/// cap on standard output. A time-out, a crash, a non-zero exit, malformed output or a warning of
/// an undeclared type is an error finding naming the adapter; standard error goes to the log.
public struct ExternalAdapter: TypeAdapter {
    /// The default time limit of one run, in seconds.
    public static let defaultTimeout: Double = 30
    /// The default cap on standard output, in bytes.
    public static let defaultMaxOutputBytes = 4 << 20

    /// The definition it runs, with its command resolved.
    public let definition: ExternalAdapterDefinition
    public let info: TypeInfo
    public var warningDeclarations: [WarningDeclaration] { self.definition.warnings }
    /// The configuration's `extensions`, as content claims: a package descriptor such as `.ovf`
    /// still outranks them.
    public let fileClaim: FileClaim
    private let logger: Logger

    /// Creates an adapter from a loaded definition.
    /// - Parameters:
    ///   - definition: what the configuration declares; `command` should be an absolute path.
    ///   - logger: where the program's standard error and failures are logged.
    public init(_ definition: ExternalAdapterDefinition, logger: Logger = Logger(label: "content-library.external-adapter")) {
        self.definition = definition
        self.info = TypeInfo(
            type: definition.type, name: definition.name ?? definition.type, description: definition.description,
            vendor: definition.vendor, version: definition.version
        )
        self.fileClaim = FileClaim(extensions: Set(definition.extensions))
        self.logger = logger
    }

    /// The adapters of a configuration file.
    /// - Throws: ExternalAdapterConfiguration/LoadError when the file cannot be used.
    public static func load(configuration path: String, logger: Logger = Logger(label: "content-library.external-adapter"))
        throws(ExternalAdapterConfiguration.LoadError) -> [ExternalAdapter]
    {
        try ExternalAdapterConfiguration.load(path: path).adapters.map { ExternalAdapter($0, logger: logger) }
    }

    public func checkSessionCreate(itemID: String) throws(APIError) {
        if let refusal = self.definition.sessionRefusal {
            throw APIError(
                .unsupported, id: "com.vmware.content.library.external_adapter.session_refused",
                "Items of type '\(self.definition.type)' take no update sessions: \(refusal)", args: [self.definition.type, refusal]
            )
        }
    }

    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("content-library-adapter-" + UUID().uuidString, isDirectory: true).path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            return self.failure(content, "EXT-006", "cannot create its working folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let files: [ExternalAdapterProtocol.File]
        do {
            files = try await self.requestFiles(content, folder: folder)
        } catch {
            return self.failure(content, "EXT-006", "cannot be given the content: \(error)")
        }
        let request = ExternalAdapterProtocol.Request(
            protocolVersion: ExternalAdapterProtocol.version, itemType: self.definition.type,
            options: .init(descriptorOnly: options.descriptorOnly, now: ISO8601DateFormatter().string(from: options.now)),
            files: files
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let input = (try? encoder.encode(request)).map { [UInt8]($0) } ?? []
        let timeout = self.definition.timeoutSeconds ?? Self.defaultTimeout
        let process = ExternalProcess(
            executable: self.definition.command, arguments: self.definition.arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": folder, "TMPDIR": folder, "LANG": "C.UTF-8"],
            workingDirectory: folder, timeout: timeout, maxOutputBytes: self.definition.maxOutputBytes ?? Self.defaultMaxOutputBytes
        )
        let result = await process.run(input: input)
        self.logStandardError(result.stderr)
        switch result.outcome {
        case .launchFailed(let reason):
            return self.failure(content, "EXT-006", "could not be started: \(reason)")
        case .timedOut:
            return self.failure(content, "EXT-001", "did not finish within its time limit of \(Self.seconds(timeout)) seconds")
        case .outputTooLarge:
            return self.failure(content, "EXT-005", "wrote more than \(self.definition.maxOutputBytes ?? Self.defaultMaxOutputBytes) bytes of output")
        case .signaled(let signal):
            return self.failure(content, "EXT-002", "crashed (signal \(signal))")
        case .exited(let status) where status != 0:
            return self.failure(content, "EXT-003", "exited with status \(status)")
        case .exited:
            return self.report(from: result.stdout, content: content)
        }
    }

    /// The request's files: local paths where the view has them, copies in the working folder otherwise.
    private func requestFiles(_ content: any ContentView, folder: String) async throws -> [ExternalAdapterProtocol.File] {
        let local = content as? any LocalPathContentView
        var files: [ExternalAdapterProtocol.File] = []
        for (index, file) in content.files.enumerated() {
            var path = local?.localPath(of: file.name)
            if path == nil {
                let copy = folder + "/content-\(index)"
                guard FileManager.default.createFile(atPath: copy, contents: nil) else { throw ContentViewError.io(file.name, reason: "cannot copy into the working folder") }
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: copy))
                defer { try? handle.close() }
                var offset: Int64 = 0
                while offset < file.size {
                    let chunk = try await content.read(file.name, offset: offset, count: Int(min(Int64(1 << 20), file.size - offset)))
                    if chunk.isEmpty { break }
                    try handle.write(contentsOf: Data(chunk))
                    offset += Int64(chunk.count)
                }
                path = copy
            }
            // The program runs in its own working folder: a path relative to ours means nothing there.
            let absolute = path!.hasPrefix("/") ? path! : FileManager.default.currentDirectoryPath + "/" + path!
            files.append(.init(
                name: file.name, size: file.size, path: absolute,
                digests: Dictionary(uniqueKeysWithValues: file.knownDigests.map { ($0.key.rawValue, $0.value) }),
                declaredSize: file.declaredSize
            ))
        }
        return files
    }

    /// The report from a successful run's output, or a failure finding when it is malformed.
    private func report(from output: [UInt8], content: any ContentView) -> ValidationReport {
        let response: ExternalAdapterProtocol.Response
        do {
            response = try JSONDecoder().decode(ExternalAdapterProtocol.Response.self, from: Data(output))
        } catch {
            return self.failure(content, "EXT-004", "wrote output that is not a protocol \(ExternalAdapterProtocol.version) report")
        }
        guard response.protocolVersion == ExternalAdapterProtocol.version else {
            return self.failure(content, "EXT-004", "answered with protocol_version \(response.protocolVersion), not \(ExternalAdapterProtocol.version)")
        }
        let declared = Set(self.definition.warnings.map(\.type))
        var report = ValidationReport()
        for wire in response.findings {
            guard let severity = Severity(rawValue: wire.severity), !wire.ruleID.isEmpty else {
                report.add(self.failureFinding("EXT-004", "reported a finding with severity '\(wire.severity)' or no rule id", file: wire.file))
                continue
            }
            var warningType: WarningType?
            if severity == .warning {
                guard let type = wire.warningType.map(WarningType.init(rawValue:)), declared.contains(type) else {
                    report.add(self.failureFinding(
                        "EXT-007", "reported warning type '\(wire.warningType ?? "")', which its configuration does not declare", file: wire.file
                    ))
                    continue
                }
                warningType = type
            }
            report.add(Finding(
                ruleID: wire.ruleID, severity: severity, file: wire.file, line: wire.line, column: wire.column,
                message: LocalizableMessage(id: Finding.messageID(forRule: wire.ruleID), defaultMessage: wire.message, args: wire.args ?? []),
                warningType: warningType, isMissingFile: severity == .error && wire.missingFile == true
            ))
        }
        return report
    }

    /// A failed run: every file is invalid, as none could be validated; the log gets it once.
    private func failure(_ content: any ContentView, _ rule: String, _ what: String) -> ValidationReport {
        let names: [String?] = content.files.isEmpty ? [nil] : content.fileNames
        return ValidationReport(findings: names.enumerated().map { self.failureFinding(rule, what, file: $1, log: $0 == 0) })
    }

    /// An error about the run itself, naming the adapter.
    private func failureFinding(_ rule: String, _ what: String, file: String?, log: Bool = true) -> Finding {
        let text = "The external adapter '\(self.definition.type)' \(what)."
        if log {
            self.logger.error("\(text)", metadata: ["adapter": "\(self.definition.type)", "command": "\(self.definition.command)"])
        }
        return Finding(
            ruleID: rule, severity: .error, file: file,
            message: LocalizableMessage(id: Finding.messageID(forRule: rule), defaultMessage: text, args: [self.definition.type, what])
        )
    }

    private func logStandardError(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            self.logger.warning("\(line)", metadata: ["adapter": "\(self.definition.type)", "stream": "stderr"])
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
