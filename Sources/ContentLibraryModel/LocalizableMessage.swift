//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A message with a stable id and an English default text, as vAPI sends it.
public struct LocalizableMessage: Hashable, Codable, Sendable {
    /// A stable identifier clients can match on, e.g. `com.vmware.vapi.std.errors.not_found`.
    public var id: String
    /// The English text.
    public var defaultMessage: String
    /// The values substituted into the text, in order.
    public var args: [String]
    /// Named values a client reads without parsing the text: a validation finding's `file`,
    /// `line` and `column`. Unset when the message has none.
    public var params: [String: LocalizationParam]?

    /// Creates a message.
    public init(id: String, defaultMessage: String, args: [String] = [], params: [String: LocalizationParam]? = nil) {
        self.id = id
        self.defaultMessage = defaultMessage
        self.args = args
        self.params = params
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case defaultMessage = "default_message"
        case args
        case params
    }
}

extension LocalizableMessage: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.vapi.std.localizable_message"
    /// A localized text: this server sends English only.
    public static let vapiUnsetFields = ["localized"]
}
