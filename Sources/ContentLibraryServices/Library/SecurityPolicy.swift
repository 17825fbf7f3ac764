//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI

/// A library security policy: applied to a library (`security_policy_id`), its rule for an item
/// type decides what `complete` accepts for items of that type.
package struct SecurityPolicy: Hashable, Sendable {
    /// The id clients give as `security_policy_id`.
    package var id: String
    /// Its name, shown by `SecurityPolicies.list` and in refusals.
    package var name: String
    /// The rule for each item type it covers.
    package var itemTypeRules: [String: SecurityRuleType]

    /// Creates a policy.
    package init(id: String, name: String, itemTypeRules: [String: SecurityRuleType]) {
        self.id = id
        self.name = name
        self.itemTypeRules = itemTypeRules
    }

    /// The policy vCenter offers: OVF packages must be signed and verify (`OVF_STRICT_VERIFICATION`).
    /// Its id is fixed, so scripts and the SDK can name it across restarts and servers.
    package static let ovfStrictVerification = SecurityPolicy(
        id: "6f1cdd3c-25d9-4a3e-8d77-1d5b7c2b9e01", name: "OVF package strict verification",
        itemTypeRules: ["ovf": .ovfStrictVerification]
    )

    /// The wire form.
    package var info: SecurityPolicyInfo {
        SecurityPolicyInfo(policy: self.id, name: self.name, itemTypeRules: self.itemTypeRules)
    }
}
