//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A named value of a `LocalizableMessage` (`com.vmware.vapi.std.localization_param`): the
/// standard vAPI way for a message to carry facts a client can read without parsing its text.
///
/// Validation findings send where they were found as parameters (`file`, `line`, `column`), so a
/// client such as the browser UI shows the line of an error as a number.
public struct LocalizationParam: Hashable, Codable, Sendable {
    /// A text value.
    public var s: String?
    /// An integer value.
    public var i: Int64?

    /// A text parameter.
    public static func string(_ value: String) -> LocalizationParam { LocalizationParam(s: value, i: nil) }

    /// An integer parameter.
    public static func integer(_ value: Int) -> LocalizationParam { LocalizationParam(s: nil, i: Int64(value)) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case s, i
    }
}

extension LocalizationParam: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.vapi.std.localization_param"
    /// Dates, doubles, nested messages and their formatting: no message here has them.
    public static let vapiUnsetFields = ["dt", "d", "l", "format", "precision"]
}
