//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The kind of a preview warning, the key that `warning_behavior` uses to ignore warnings.
///
/// An open set: the four certificate types of the vSphere API are predefined, and adapters
/// declare further types of their own (see WarningDeclaration).
///
/// ```swift
/// let custom: WarningType = "QCOW2_COMPAT"
/// ```
public struct WarningType: RawRepresentable, Hashable, Comparable, Codable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The wire name, as in `warning_behavior[].type`.
    public let rawValue: String

    /// Creates a warning type from its wire name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Creates a warning type from a literal wire name.
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }

    public static func < (lhs: WarningType, rhs: WarningType) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { self.rawValue }

    /// The package is signed by a certificate that signed itself.
    public static let selfSignedCertificate: WarningType = "SELF_SIGNED_CERTIFICATE"
    /// The signing certificate, or one in its chain, is past its `notAfter` date.
    public static let expiredCertificate: WarningType = "EXPIRED_CERTIFICATE"
    /// The signing certificate, or one in its chain, is before its `notBefore` date.
    public static let notYetValidCertificate: WarningType = "NOT_YET_VALID_CERTIFICATE"
    /// The certificate chain does not lead to a trusted root.
    public static let untrustedCertificate: WarningType = "UNTRUSTED_CERTIFICATE"

    /// The four types of the vSphere API; they block `complete` unless ignored, as in vCenter.
    public static let certificateTypes: [WarningType] = [
        .selfSignedCertificate, .expiredCertificate, .notYetValidCertificate, .untrustedCertificate,
    ]
}
