//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The result of `File.validate`, with the wire field names.
public struct ValidationResult: Hashable, Codable, Sendable {
    /// Whether any file is missing or invalid.
    public var hasErrors: Bool
    /// Files expected but not added; a set, so no duplicates.
    public var missingFiles: [String]
    /// Files present but failing.
    public var invalidFiles: [ValidationError]

    /// Creates a result.
    public init(hasErrors: Bool, missingFiles: [String], invalidFiles: [ValidationError]) {
        self.hasErrors = hasErrors
        self.missingFiles = missingFiles
        self.invalidFiles = invalidFiles
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case hasErrors = "has_errors"
        case missingFiles = "missing_files"
        case invalidFiles = "invalid_files"
    }
}

/// One invalid file of a `ValidationResult`.
public struct ValidationError: Hashable, Codable, Sendable {
    /// The session file's name.
    public var name: String
    /// Why it is invalid.
    public var errorMessage: LocalizableMessage

    /// Creates a validation error.
    public init(name: String, errorMessage: LocalizableMessage) {
        self.name = name
        self.errorMessage = errorMessage
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name
        case errorMessage = "error_message"
    }
}

extension ValidationResult: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.file.validation_result"
}

extension ValidationError: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.file.validation_error"
}
