//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices

extension OperationTable {
    private static let libraryID = Parameter<String>.identifier("library_id")
    private static let libraryCreateSpec = Parameter<LibraryModel>.required("create_spec")
    private static let libraryUpdateSpec = Parameter<LibraryModel>.required("update_spec")
    private static let libraryFindSpec = Parameter<LibraryFindSpec>.required("spec")
    static let clientToken = Parameter<String>.optional("client_token")

    /// `com.vmware.content.library` (every library) and `com.vmware.content.local_library`.
    static func libraries(_ services: Services) -> [APIOperation] {
        let libraries = services.libraries
        let library = "com.vmware.content.library"
        let local = "com.vmware.content.local_library"
        let get: @Sendable (OperationCall) async throws -> OperationResult = { call in
            .value(try await libraries.get(try call[Self.libraryID], caller: call.caller))
        }
        let list: @Sendable (OperationCall) async throws -> OperationResult = { call in
            .value(try await libraries.list(caller: call.caller))
        }
        let update: @Sendable (OperationCall) async throws -> OperationResult = { call in
            try await libraries.update(try call[Self.libraryID], try call[Self.libraryUpdateSpec], caller: call.caller)
            return .void
        }
        return [
            APIOperation(library, "get", parameters: [Self.libraryID], rest: .get("content/library/{library_id}"), get),
            APIOperation(library, "list", rest: .get("content/library"), list),
            APIOperation(
                library, "find", parameters: [Self.libraryFindSpec],
                rest: .post("content/library", action: "find", status: 200, body: .parameter("spec"))
            ) { call in
                .value(try await libraries.find(try call[Self.libraryFindSpec], caller: call.caller))
            },
            APIOperation(
                library, "update", parameters: [Self.libraryID, Self.libraryUpdateSpec], privilege: .updateLocalLibrary,
                rest: .patch("content/library/{library_id}", body: "update_spec"), update
            ),
            APIOperation(
                local, "create", parameters: [Self.clientToken, Self.libraryCreateSpec], privilege: .createLocalLibrary,
                rest: .post("content/local-library", status: 201, body: .parameter("create_spec"))
            ) { call in
                .value(
                    try await libraries.createLocal(
                        try call[Self.libraryCreateSpec], clientToken: try call[optional: Self.clientToken], caller: call.caller
                    )
                )
            },
            APIOperation(local, "get", parameters: [Self.libraryID], rest: .get("content/local-library/{library_id}"), get),
            APIOperation(local, "list", rest: .get("content/local-library"), list),
            APIOperation(
                local, "update", parameters: [Self.libraryID, Self.libraryUpdateSpec], privilege: .updateLocalLibrary,
                rest: .patch("content/local-library/{library_id}", body: "update_spec"), update
            ),
            APIOperation(
                local, "delete", parameters: [Self.libraryID], privilege: .deleteLocalLibrary,
                rest: .delete("content/local-library/{library_id}")
            ) { call in
                try await libraries.delete(try call[Self.libraryID], caller: call.caller)
                return .void
            },
        ]
    }

    /// `com.vmware.content.security_policies`: the policies a library can be given.
    static func securityPolicies(_ services: Services) -> [APIOperation] {
        [
            APIOperation("com.vmware.content.security_policies", "list", rest: .get("content/security-policies")) { call in
                .value(try await services.securityPolicies.list(caller: call.caller))
            }
        ]
    }

    /// `com.vmware.content.type`: the item types the registered adapters serve.
    static func types(_ services: Services) -> [APIOperation] {
        [
            APIOperation("com.vmware.content.type", "list", privilege: .typeIntrospection, rest: .get("content/type")) { call in
                .value(try services.types(caller: call.caller))
            }
        ]
    }
}
