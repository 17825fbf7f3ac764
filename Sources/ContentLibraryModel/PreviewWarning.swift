//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A warning as `preview_info.warnings` shows it (`PreviewWarningInfo`).
public struct PreviewWarning: Hashable, Codable, Sendable {
    /// The warning type.
    public var type: WarningType
    /// What was found.
    public var message: LocalizableMessage
    /// The effective `ignored`, from WarningPolicy.
    public var ignored: Bool

    /// Creates a preview warning.
    public init(type: WarningType, message: LocalizableMessage, ignored: Bool) {
        self.type = type
        self.message = message
        self.ignored = ignored
    }
}

extension PreviewWarning: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.preview_warning_info"
}
