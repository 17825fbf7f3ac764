//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A warning type an adapter may emit, with its default behaviour.
///
/// The default applies only when neither the session's `warning_behavior` nor the server's
/// configuration says otherwise; WarningPolicy holds that rule.
public struct WarningDeclaration: Hashable, Codable, Sendable {
    /// The warning type.
    public var type: WarningType
    /// Whether the warning is ignored when nobody configured it (`false`: it blocks `complete`).
    public var ignoredByDefault: Bool
    /// What the warning means, for `content-library adapters` and the documentation.
    public var description: String

    /// Creates a declaration.
    public init(type: WarningType, ignoredByDefault: Bool, description: String) {
        self.type = type
        self.ignoredByDefault = ignoredByDefault
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type
        case ignoredByDefault = "ignored_by_default"
        case description
    }

    /// The four certificate warnings, blocking by default as in vCenter.
    public static let certificateWarnings: [WarningDeclaration] = [
        .init(type: .selfSignedCertificate, ignoredByDefault: false, description: "The package is signed with a self-signed certificate."),
        .init(type: .expiredCertificate, ignoredByDefault: false, description: "A certificate of the signing chain has expired."),
        .init(type: .notYetValidCertificate, ignoredByDefault: false, description: "A certificate of the signing chain is not valid yet."),
        .init(type: .untrustedCertificate, ignoredByDefault: false, description: "The signing chain does not lead to a trusted root."),
    ]
}

extension WarningDeclaration: VAPIStructure {
    /// The binding type on the vAPI wire, for `Type.list`'s `warning_types`: an extension of this
    /// server, named under the type service it extends.
    public static let vapiStructureID = "com.vmware.content.type.warning_declaration"
}
