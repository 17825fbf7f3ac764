//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation

/// A configuration file of external adapters (JSON), as `content-library serve --adapters FILE` reads it.
///
/// ```json
/// {"protocol_version": 1, "adapters": [ { "type": "textfile", "command": "python3", … } ]}
/// ```
/// See `docs/external-adapters.md` for every field.
public struct ExternalAdapterConfiguration: Hashable, Codable, Sendable {
    /// The adapter protocol the file is written for; only 1 exists.
    public var protocolVersion: Int
    /// The adapters, each for one item type.
    public var adapters: [ExternalAdapterDefinition]

    /// Creates a configuration.
    public init(protocolVersion: Int = ExternalAdapterProtocol.version, adapters: [ExternalAdapterDefinition]) {
        self.protocolVersion = protocolVersion
        self.adapters = adapters
    }

    enum CodingKeys: String, CodingKey {
        case protocolVersion = "protocol_version"
        case adapters
    }

    /// Why a configuration cannot be used.
    public struct LoadError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What is wrong, naming the file and the adapter.
        public var description: String
    }

    /// Reads a configuration file and resolves each command to an absolute path and
    /// `{config_dir}` in arguments to the file's folder.
    /// - Parameters:
    ///   - path: the JSON file.
    ///   - searchPath: where bare command names are looked up: by default `/usr/bin:/bin` (the `PATH`
    ///     adapters run with), then the server's own `PATH`.
    /// - Throws: LoadError when the file cannot be read or parsed, or a command cannot be found.
    public static func load(
        path: String,
        searchPath: String = "/usr/bin:/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "")
    ) throws(LoadError) -> ExternalAdapterConfiguration {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        var configuration: ExternalAdapterConfiguration
        do {
            configuration = try JSONDecoder().decode(ExternalAdapterConfiguration.self, from: Data(contentsOf: url))
        } catch let error as DecodingError {
            throw LoadError(description: "\(path): not a valid adapter configuration: \(Self.describe(error))")
        } catch {
            throw LoadError(description: "\(path): cannot be read: \(error.localizedDescription)")
        }
        guard configuration.protocolVersion == ExternalAdapterProtocol.version else {
            throw LoadError(description: "\(path): protocol_version \(configuration.protocolVersion) is not supported (only \(ExternalAdapterProtocol.version))")
        }
        var seen: Set<String> = []
        for index in configuration.adapters.indices {
            var adapter = configuration.adapters[index]
            guard !adapter.type.isEmpty else { throw LoadError(description: "\(path): adapter \(index + 1) has an empty type") }
            guard seen.insert(adapter.type.lowercased()).inserted else {
                throw LoadError(description: "\(path): item type '\(adapter.type)' is declared twice")
            }
            guard let command = Self.resolve(adapter.command, folder: folder, searchPath: searchPath) else {
                throw LoadError(description: "\(path): adapter '\(adapter.type)': command '\(adapter.command)' is not an executable file")
            }
            adapter.command = command
            adapter.arguments = adapter.arguments.map { $0.replacingOccurrences(of: "{config_dir}", with: folder) }
            if let timeout = adapter.timeoutSeconds, !(timeout > 0) {
                throw LoadError(description: "\(path): adapter '\(adapter.type)': timeout_seconds must be positive")
            }
            if let problem = adapter.extensions.lazy.compactMap(Self.extensionProblem).first {
                throw LoadError(description: "\(path): adapter '\(adapter.type)': \(problem)")
            }
            configuration.adapters[index] = adapter
        }
        return configuration
    }

    /// Why an entry of `extensions` cannot be claimed, or `nil` when it can: a claim matches
    /// the text after a name's last dot, so an extension is one non-empty lower-case word.
    static func extensionProblem(_ fileExtension: String) -> String? {
        if fileExtension.isEmpty { return "extensions must not hold an empty string" }
        if fileExtension.contains(where: { $0 == "." || $0 == "/" }) {
            return "extension '\(fileExtension)' must have no dot or slash (e.g. \"txt\" for notes.txt)"
        }
        if fileExtension != fileExtension.lowercased() {
            return "extension '\(fileExtension)' must be lower case ('\(fileExtension.lowercased())'); file names match it in any case"
        }
        return nil
    }

    /// An absolute executable path for a command, or `nil`.
    static func resolve(_ command: String, folder: String, searchPath: String) -> String? {
        let fileManager = FileManager.default
        if command.contains("/") {
            let path = command.hasPrefix("/") ? command : URL(fileURLWithPath: folder).appendingPathComponent(command).standardizedFileURL.path
            return fileManager.isExecutableFile(atPath: path) ? path : nil
        }
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let path = String(directory) + "/" + command
            if fileManager.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            "missing '\(key.stringValue)' at \(Self.path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.debugDescription) at \(Self.path(context.codingPath))"
        @unknown default:
            "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }
}
