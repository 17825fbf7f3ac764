//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One thing a type adapter found in the content: an error, a typed warning or a note.
///
/// Rule ids come from the validation catalogue (`OVF-REF-007`, `MF-004`, `ISO-006`, …) and
/// are stable, as is the message id derived from them.
public struct Finding: Hashable, Codable, Sendable {
    /// The catalogue rule that fired, e.g. `OVF-REF-007`.
    public var ruleID: String
    /// How much it matters.
    public var severity: Severity
    /// The file the finding is about (a session file name), when there is one.
    public var file: String?
    /// The 1-based line in `file`, where known.
    public var line: Int?
    /// The 1-based column in `file`, where known.
    public var column: Int?
    /// The message, with a stable id.
    public var message: LocalizableMessage
    /// For warnings: the type `warning_behavior` keys on. Always set when `severity` is `.warning`.
    public var warningType: WarningType?
    /// For errors: the file was expected but never added (it goes to `missing_files`).
    public var isMissingFile: Bool

    /// Creates a finding; prefer the `error`, `missing`, `warning` and `info` factories.
    public init(
        ruleID: String,
        severity: Severity,
        file: String?,
        line: Int? = nil,
        column: Int? = nil,
        message: LocalizableMessage,
        warningType: WarningType? = nil,
        isMissingFile: Bool = false
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.warningType = warningType
        self.isMissingFile = isMissingFile
    }

    /// Where the finding was found, as message parameters (`file`, `line`, `column`) a client
    /// reads without parsing the text; `nil` when no line is known.
    public var placeParams: [String: LocalizationParam]? {
        guard let line = self.line else { return nil }
        var params = ["line": LocalizationParam.integer(line)]
        if let file = self.file { params["file"] = .string(file) }
        if let column = self.column { params["column"] = .integer(column) }
        return params
    }

    /// The message id for a rule: stable, derived from the rule id.
    public static func messageID(forRule ruleID: String) -> String {
        "com.vmware.content.library.validation." + String(ruleID.lowercased().map { $0 == "-" ? "_" : $0 })
    }

    /// An error that makes `file` invalid.
    public static func error(
        _ ruleID: String, file: String, line: Int? = nil, column: Int? = nil, _ text: String, args: [String] = []
    ) -> Finding {
        Finding(
            ruleID: ruleID, severity: .error, file: file, line: line, column: column,
            message: LocalizableMessage(id: messageID(forRule: ruleID), defaultMessage: text, args: args)
        )
    }

    /// An error for a file that is expected but absent.
    public static func missing(_ ruleID: String, file: String, _ text: String, args: [String] = []) -> Finding {
        Finding(
            ruleID: ruleID, severity: .error, file: file,
            message: LocalizableMessage(id: messageID(forRule: ruleID), defaultMessage: text, args: args),
            isMissingFile: true
        )
    }

    /// A typed warning.
    public static func warning(
        _ ruleID: String, type: WarningType, file: String?, line: Int? = nil, column: Int? = nil, _ text: String,
        args: [String] = []
    ) -> Finding {
        Finding(
            ruleID: ruleID, severity: .warning, file: file, line: line, column: column,
            message: LocalizableMessage(id: messageID(forRule: ruleID), defaultMessage: text, args: args),
            warningType: type
        )
    }

    /// A note that never blocks.
    public static func info(_ ruleID: String, file: String?, _ text: String, args: [String] = []) -> Finding {
        Finding(
            ruleID: ruleID, severity: .info, file: file,
            message: LocalizableMessage(id: messageID(forRule: ruleID), defaultMessage: text, args: args)
        )
    }

    enum CodingKeys: String, CodingKey {
        case ruleID = "rule_id"
        case severity, file, line, column, message
        case warningType = "warning_type"
        case isMissingFile = "missing_file"
    }
}
