//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI

extension SecurityPolicyInfo {
    /// The policy vCenter offers: OVF packages must be signed and verify (`OVF_STRICT_VERIFICATION`).
    /// Its id is fixed, so scripts and the SDK can name it across restarts and servers.
    package static let ovfStrictVerification = SecurityPolicyInfo(
        policy: "6f1cdd3c-25d9-4a3e-8d77-1d5b7c2b9e01", name: "OVF package strict verification",
        itemTypeRules: ["ovf": .ovfStrictVerification]
    )
}
