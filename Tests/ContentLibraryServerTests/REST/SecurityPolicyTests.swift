//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import HTTPTypes
import HummingbirdTesting
import StandardAdapters
import Testing

/// Library security policies over `/api`: `OVF_STRICT_VERIFICATION` refuses unsigned and
/// untrusted OVF packages at `complete`, and accepts one signed by a CA the operator trusts.
@Suite struct SecurityPolicyTests {
    /// A server that trusts the fixtures' private CA, as `serve --trusted-ca` does.
    static func server() throws -> TestServer {
        try TestServer(adapters: AdapterRegistry.standard(trustedCAPaths: [Fixtures.folder + "/cert/private-ca.pem"]))
    }

    /// The policy with the OVF strict rule, from `SecurityPolicies.list`.
    static func strictPolicy(_ admin: APIClient) async throws -> String {
        let response = try await admin.send(.get, "/api/content/security-policies")
        try #require(response.status == .ok, "\(response.text)")
        let policies = try response.decode([SecurityPolicyInfo].self)
        return try #require(policies.first { $0.itemTypeRules["ovf"] == .ovfStrictVerification }).policy
    }

    /// A library with the strict policy, an OVF item in it, and a session on the item.
    static func strictSession(_ admin: APIClient) async throws -> (library: String, item: String, session: String) {
        let policy = try await Self.strictPolicy(admin)
        let created = try await admin.send(
            .post, "/api/content/local-library",
            json: #"{"name":"Secure","storage_backings":[{"type":"DATASTORE","datastore_id":"datastore-1"}],"security_policy_id":"\#(policy)"}"#
        )
        try #require(created.status == .created, "\(created.text)")
        let library = try created.decode(String.self)
        let item = try await admin.createItem(library: library, name: "Template", type: "ovf")
        return (library, item, try await admin.createSession(item: item))
    }

    static func upload(_ admin: APIClient, session: String, package: String, files: [String]) async throws {
        for name in files {
            try await admin.addAndUpload(session: session, name: name, try Fixtures.bytes("\(package)/\(name)"))
        }
    }

    @Test func thePoliciesAreListedAndALibraryKeepsOne() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let policy = try await Self.strictPolicy(admin)
            let listed = try await admin.send(.get, "/api/content/security-policies").objects()
            #expect(listed.first?["item_type_rules"] as? [String: String] == ["ovf": "OVF_STRICT_VERIFICATION"], "a map is a JSON object over /api")

            let (library, _, _) = try await Self.strictSession(admin)
            #expect(try await admin.send(.get, "/api/content/library/\(library)").decode(LibraryModel.self).securityPolicyID == policy)
            let plain = try await admin.createLibrary("Plain")
            #expect(try await admin.send(.get, "/api/content/library/\(plain)").decode(LibraryModel.self).securityPolicyID == nil)

            #expect(try await admin.send(.patch, "/api/content/local-library/\(plain)", json: #"{"security_policy_id":"\#(policy)"}"#).status == .noContent)
            #expect(try await admin.send(.get, "/api/content/library/\(plain)").decode(LibraryModel.self).securityPolicyID == policy)
            let unset = #"{"security_policy_id":"\#(policy)","unset_security_policy_id":true}"#
            #expect(try await admin.send(.patch, "/api/content/local-library/\(plain)", json: unset).status == .noContent)
            #expect(try await admin.send(.get, "/api/content/library/\(plain)").decode(LibraryModel.self).securityPolicyID == nil)

            expectError(
                try await admin.send(.patch, "/api/content/local-library/\(plain)", json: #"{"security_policy_id":"no-such-policy"}"#),
                .badRequest, "INVALID_ARGUMENT", containing: "no-such-policy"
            )
        }
    }

    @Test func anUnsignedPackageIsRefusedNamingThePolicy() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await Self.strictSession(admin)
            let before = try await admin.item(item).contentVersion
            try await Self.upload(admin, session: session, package: "ovf/minimal", files: ["minimal.ovf", "disk1.vmdk"])
            let validated = try await admin.send(.post, APIClient.sessions + "/\(session)/file?action=validate").decode(ValidationResult.self)
            #expect(validated.invalidFiles.map(\.name) == ["minimal.ovf"], "File.validate already says so")
            expectError(
                try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE",
                containing: "OVF package strict verification"
            )
            #expect(try await admin.item(item).contentVersion == before, "nothing reached the item")
        }
    }

    @Test func aSelfSignedPackageIsRefusedEvenWithItsWarningsIgnored() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await Self.strictSession(admin)
            let before = try await admin.item(item).contentVersion
            let ignore = #"{"warning_behavior":[{"type":"SELF_SIGNED_CERTIFICATE","ignored":true},{"type":"UNTRUSTED_CERTIFICATE","ignored":true}]}"#
            #expect(try await admin.send(.patch, APIClient.sessions + "/\(session)", json: ignore).status == .noContent)
            try await Self.upload(admin, session: session, package: "cert/self-signed", files: ["pkg.mf", "pkg.cert", "pkg.ovf", "disk1.vmdk"])
            expectError(
                try await admin.action("complete", session: session), .badRequest, "NOT_ALLOWED_IN_CURRENT_STATE",
                containing: "OVF package strict verification"
            )
            #expect(try await admin.item(item).contentVersion == before)
        }
    }

    @Test func aPackageSignedByATrustedCAIsAcceptedAndVerified() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await Self.strictSession(admin)
            #expect(try await admin.item(item).securityCompliance == true, "an empty item breaks no rule")
            try await Self.upload(admin, session: session, package: "cert/ca-signed", files: ["pkg.mf", "pkg.cert", "pkg.ovf", "disk1.vmdk"])
            let complete = try await admin.action("complete", session: session)
            #expect(complete.status == .noContent, "\(complete.text)")
            let model = try await admin.item(item)
            #expect(model.securityCompliance == true)
            #expect(model.certificateVerificationInfo?.status == .verified)
            #expect(model.certificateVerificationInfo?.certChain?.isEmpty == false)
        }
    }

    @Test func itemsOfALibraryWithoutAPolicyComplyAndShowNoVerification() async throws {
        try await Self.server().run { client in
            let admin = try await client.login()
            let (_, item, session) = try await admin.createSessionOnNewItem(type: "ovf")
            try await Self.upload(admin, session: session, package: "ovf/minimal", files: ["minimal.ovf", "disk1.vmdk"])
            #expect(try await admin.action("complete", session: session).status == .noContent)
            let model = try await admin.item(item)
            #expect(model.securityCompliance == true)
            #expect(model.certificateVerificationInfo == nil)
        }
    }
}
