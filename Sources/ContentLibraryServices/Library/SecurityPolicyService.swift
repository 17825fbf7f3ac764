//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAPI
import ContentLibraryModel

/// `com.vmware.content.security_policies`: the policies a library can be given.
package struct SecurityPolicyService: Sendable {
    private let context: ServiceContext

    /// Creates the service.
    package init(context: ServiceContext) { self.context = context }

    /// `SecurityPolicies.list`: every policy of this server. It needs `System.Read`, which vCenter
    /// grants with every role, so any authenticated caller may list them.
    package func list(caller: Caller) async throws -> [SecurityPolicyInfo] {
        self.context.configuration.securityPolicies
    }

    /// The policy `id`, or `InvalidArgument` naming the ones that exist.
    func policy(_ id: String) throws(APIError) -> SecurityPolicyInfo {
        guard let policy = self.context.configuration.securityPolicies.first(where: { $0.policy == id }) else {
            let known = self.context.configuration.securityPolicies.map(\.policy).joined(separator: ", ")
            throw ServiceError.invalidArgument(
                "library.security_policy_id", "The security policy \(id) does not exist; known: \(known).", args: [id]
            )
        }
        return policy
    }
}
