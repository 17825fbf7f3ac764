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

    /// Creates a message.
    public init(id: String, defaultMessage: String, args: [String] = []) {
        self.id = id
        self.defaultMessage = defaultMessage
        self.args = args
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case defaultMessage = "default_message"
        case args
    }
}

extension LocalizableMessage: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.vapi.std.localizable_message"
    /// Named parameters and a localized text: this server sends neither.
    public static let vapiUnsetFields = ["params", "localized"]
}
