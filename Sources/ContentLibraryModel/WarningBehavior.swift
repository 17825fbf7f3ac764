//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A client's choice to ignore (or not) one warning type, as in `UpdateSessionModel.warning_behavior`.
public struct WarningBehavior: Hashable, Codable, Sendable {
    /// The warning type the choice applies to.
    public var type: WarningType
    /// Whether warnings of this type are ignored by `complete`.
    public var ignored: Bool

    /// Creates a warning behaviour.
    public init(type: WarningType, ignored: Bool) {
        self.type = type
        self.ignored = ignored
    }
}

extension WarningBehavior: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.warning_behavior"
}
