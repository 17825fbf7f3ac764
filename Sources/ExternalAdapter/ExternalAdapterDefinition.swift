//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// One external adapter as a configuration file declares it.
///
/// ```json
/// {"type": "textfile", "name": "Text file", "description": "UTF-8 text", "vendor": "Example", "version": "1.0",
///  "command": "python3", "arguments": ["{config_dir}/adapter.py"], "timeout_seconds": 30, "extensions": ["txt"],
///  "warnings": [{"type": "TEXT_LONG_LINE", "ignored_by_default": true, "description": "A line is over 200 bytes."}]}
/// ```
public struct ExternalAdapterDefinition: Hashable, Codable, Sendable {
    /// The item type served.
    public var type: String
    /// A short name for `Type.list`; the type when absent.
    public var name: String?
    /// What the adapter checks.
    public var description: String
    /// Who made it.
    public var vendor: String
    /// Its version.
    public var version: String
    /// The program to run: an absolute path, a path relative to the configuration file, or a
    /// bare name looked up in `/usr/bin:/bin`, then the server's `PATH`, when the configuration is loaded.
    public var command: String
    /// Its arguments; `{config_dir}` is replaced by the configuration file's folder.
    public var arguments: [String]
    /// The warning types it may report, with their defaults.
    public var warnings: [WarningDeclaration]
    /// Seconds one run may take before it is terminated (default 30).
    public var timeoutSeconds: Double?
    /// The most bytes of standard output read (default 4 MiB); more is a failed run.
    public var maxOutputBytes: Int?
    /// When set, update sessions on items of this type are refused with this message.
    public var sessionRefusal: String?
    /// The file extensions the adapter claims (lower-case, without the dot), so files bearing
    /// them are given this type when none is named (`validate --type auto`, `import`).
    public var extensions: [String]

    /// Creates a definition.
    public init(
        type: String, name: String? = nil, description: String, vendor: String, version: String, command: String,
        arguments: [String] = [], warnings: [WarningDeclaration] = [], timeoutSeconds: Double? = nil,
        maxOutputBytes: Int? = nil, sessionRefusal: String? = nil, extensions: [String] = []
    ) {
        self.type = type
        self.name = name
        self.description = description
        self.vendor = vendor
        self.version = version
        self.command = command
        self.arguments = arguments
        self.warnings = warnings
        self.timeoutSeconds = timeoutSeconds
        self.maxOutputBytes = maxOutputBytes
        self.sessionRefusal = sessionRefusal
        self.extensions = extensions
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decode(String.self, forKey: .type)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        self.vendor = try c.decodeIfPresent(String.self, forKey: .vendor) ?? ""
        self.version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
        self.command = try c.decode(String.self, forKey: .command)
        self.arguments = try c.decodeIfPresent([String].self, forKey: .arguments) ?? []
        self.warnings = try c.decodeIfPresent([WarningDeclaration].self, forKey: .warnings) ?? []
        self.timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds)
        self.maxOutputBytes = try c.decodeIfPresent(Int.self, forKey: .maxOutputBytes)
        self.sessionRefusal = try c.decodeIfPresent(String.self, forKey: .sessionRefusal)
        self.extensions = try c.decodeIfPresent([String].self, forKey: .extensions) ?? []
    }

    enum CodingKeys: String, CodingKey {
        case type, name, description, vendor, version, command, arguments, warnings, extensions
        case timeoutSeconds = "timeout_seconds"
        case maxOutputBytes = "max_output_bytes"
        case sessionRefusal = "session_refusal"
    }
}
