//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// A library security policy as `SecurityPolicies.list` shows it
/// (`com.vmware.content.security_policies.info`): applied to a library, its rules decide what
/// `complete` accepts for the item types they name.
public struct SecurityPolicyInfo: Hashable, Codable, Sendable {
    /// The policy's id, for `security_policy_id` of a library.
    public var policy: String
    /// Its name.
    public var name: String
    /// The rule applied to each item type it covers, e.g. `ovf` → `OVF_STRICT_VERIFICATION`.
    public var itemTypeRules: [String: SecurityRuleType]

    /// Creates policy info.
    public init(policy: String, name: String, itemTypeRules: [String: SecurityRuleType]) {
        self.policy = policy
        self.name = name
        self.itemTypeRules = itemTypeRules
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case policy, name
        case itemTypeRules = "item_type_rules"
    }
}

/// The security rules of the vSphere API (`com.vmware.content.security_rule_type`).
public enum SecurityRuleType: String, Hashable, Codable, Sendable, CaseIterable {
    /// An OVF package must be signed by a certificate that chains to a trusted root, with a
    /// signature that verifies; a certificate problem refuses it instead of warning.
    case ovfStrictVerification = "OVF_STRICT_VERIFICATION"
}

extension SecurityPolicyInfo: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.security_policies.info"
}
