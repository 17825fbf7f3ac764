//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The versioned wire protocol between the server and an external adapter process.
///
/// One run: the server starts the command (no shell, a clean environment, a fresh temporary
/// working folder), writes one ``Request`` as JSON on its standard input and closes it, and
/// reads one ``Response`` as JSON from its standard output. Exit status 0 means the response is
/// the report; anything else is a failed run. Standard error goes to the server log only.
public enum ExternalAdapterProtocol {
    /// The protocol version this server speaks.
    public static let version = 1

    /// What the adapter is asked to validate.
    public struct Request: Hashable, Codable, Sendable {
        /// Always ExternalAdapterProtocol/version.
        public var protocolVersion: Int
        /// The item type being validated.
        public var itemType: String
        /// Validation options.
        public var options: Options
        /// The item's files as they would be after `complete`.
        public var files: [File]

        enum CodingKeys: String, CodingKey {
            case protocolVersion = "protocol_version"
            case itemType = "item_type"
            case options, files
        }
    }

    /// Validation options passed to the adapter.
    public struct Options: Hashable, Codable, Sendable {
        /// Only a package's descriptor should be checked.
        public var descriptorOnly: Bool
        /// The server's clock, ISO 8601.
        public var now: String

        enum CodingKeys: String, CodingKey {
            case descriptorOnly = "descriptor_only"
            case now
        }
    }

    /// One file of the content.
    public struct File: Hashable, Codable, Sendable {
        /// The session file name.
        public var name: String
        /// Its size in bytes.
        public var size: Int64
        /// A read-only local path to its bytes.
        public var path: String
        /// Digests already known, algorithm (`SHA256`, …) → lower-case hex.
        public var digests: [String: String]
        /// The size the client declared, if any.
        public var declaredSize: Int64?

        enum CodingKeys: String, CodingKey {
            case name, size, path, digests
            case declaredSize = "declared_size"
        }
    }

    /// What the adapter reports: the same findings Swift adapters report.
    public struct Response: Hashable, Codable, Sendable {
        /// Must be ExternalAdapterProtocol/version.
        public var protocolVersion: Int
        /// The findings, in order.
        public var findings: [Finding]

        enum CodingKeys: String, CodingKey {
            case protocolVersion = "protocol_version"
            case findings
        }
    }

    /// One finding on the wire: the Finding model with a plain-text message.
    public struct Finding: Hashable, Codable, Sendable {
        /// The rule id, e.g. `TXT-001`; the message id derives from it.
        public var ruleID: String
        /// `error`, `warning` or `info`.
        public var severity: String
        /// The file concerned, if any.
        public var file: String?
        /// 1-based line, where known.
        public var line: Int?
        /// 1-based column, where known.
        public var column: Int?
        /// The message text.
        public var message: String
        /// Message arguments.
        public var args: [String]?
        /// For warnings: one of the adapter's declared warning types.
        public var warningType: String?
        /// For errors: the file was expected but never added.
        public var missingFile: Bool?

        enum CodingKeys: String, CodingKey {
            case ruleID = "rule_id"
            case severity, file, line, column, message, args
            case warningType = "warning_type"
            case missingFile = "missing_file"
        }
    }
}
