//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Decides whether a warning is ignored: the one place that rule lives.
///
/// A warning's effective `ignored` is, in this order: the session's `warning_behavior` for its
/// type, else the server's configured default for the type, else the adapter's declared default.
/// A type that nobody declared blocks, because an unknown warning should not pass silently.
public struct WarningPolicy: Hashable, Sendable {
    /// Server-wide defaults by type, from configuration.
    public var serverDefaults: [WarningType: Bool]

    /// Creates a policy with the server's configured defaults.
    public init(serverDefaults: [WarningType: Bool] = [:]) {
        self.serverDefaults = serverDefaults
    }

    /// The effective `ignored` of a warning type.
    /// - Parameters:
    ///   - type: the warning's type.
    ///   - sessionBehavior: the session's `warning_behavior` (the last entry for a type wins).
    ///   - declarations: the warning types the adapter declared.
    /// - Returns: `true` when the warning does not block `complete`.
    public func isIgnored(
        _ type: WarningType,
        sessionBehavior: [WarningBehavior] = [],
        declarations: [WarningDeclaration]
    ) -> Bool {
        if let choice = sessionBehavior.last(where: { $0.type == type }) { return choice.ignored }
        if let configured = self.serverDefaults[type] { return configured }
        if let declared = declarations.first(where: { $0.type == type }) { return declared.ignoredByDefault }
        if let certificate = WarningDeclaration.certificateWarnings.first(where: { $0.type == type }) {
            return certificate.ignoredByDefault
        }
        return false
    }
}
