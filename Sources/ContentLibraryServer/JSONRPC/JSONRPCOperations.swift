//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices

/// The one dispatch table of JSON-RPC: `(serviceId, operationId)` → read the input fields, call
/// one service operation, and encode its result with its binding type. It owns no rule.
struct JSONRPCOperations: Sendable {
    /// Runs one operation; returns the typed `output` (`.null` for void).
    typealias Handler = @Sendable (JSONRPCCall) async throws -> JSONValue

    private let table: [String: [String: Handler]]

    init(services: Services) {
        self.table = [
            "com.vmware.cis.session": Self.session(services),
            "com.vmware.content.library": Self.library(services),
            "com.vmware.content.local_library": Self.localLibrary(services),
            "com.vmware.content.type": Self.type(services),
            "com.vmware.content.library.item": Self.item(services),
            "com.vmware.content.library.item.file": Self.itemFile(services),
            "com.vmware.content.library.item.storage": Self.itemStorage(services),
            "com.vmware.content.library.item.update_session": Self.updateSession(services),
            "com.vmware.content.library.item.updatesession.file": Self.sessionFile(services),
        ]
    }

    /// The handler of an operation; -32601 for an unknown service or operation.
    func handler(for call: JSONRPCCall) throws -> Handler {
        guard let operations = self.table[call.serviceID] else {
            throw JSONRPCFault.methodNotFound("no service \(call.serviceID)")
        }
        guard let handler = operations[call.operationID] else {
            throw JSONRPCFault.methodNotFound("the service \(call.serviceID) has no operation \(call.operationID)")
        }
        return handler
    }

    /// Every `serviceId.operationId` served, for tests and diagnostics.
    var methods: [String] {
        self.table.flatMap { service, operations in operations.keys.map { service + "." + $0 } }.sorted()
    }

    // MARK: Encoding helpers

    private static let ids = JSONRPCType.list(.primitive)

    private static func void(_ body: () async throws -> Void) async rethrows -> JSONValue {
        try await body()
        return .null
    }

    // MARK: Services

    private static func session(_ services: Services) -> [String: Handler] {
        [
            "create": { call in
                guard let credentials = call.userPassword else {
                    throw APIError(
                        .unauthenticated, id: "com.vmware.vapi.endpoint.method.authentication.required",
                        "Log in with a com.vmware.vapi.std.security.user_pass security context."
                    )
                }
                return try JSONRPCCodec.output(try await services.auth.login(user: credentials.user, password: credentials.password), as: .secret)
            },
            "get": { call in
                try JSONRPCCodec.output(try await services.auth.info(token: call.sessionToken), as: .structure(JSONRPCSchema.sessionInfo))
            },
            "delete": { call in try await Self.void { try await services.auth.logout(token: call.sessionToken) } },
        ]
    }

    private static func library(_ services: Services) -> [String: Handler] {
        [
            "get": { call in
                _ = try await call.caller(services)
                let library = try await services.libraries.get(try call.required("library_id", String.self))
                return try JSONRPCCodec.output(library, as: .structure(JSONRPCSchema.libraryModel))
            },
            "list": { call in
                _ = try await call.caller(services)
                return try JSONRPCCodec.output(try await services.libraries.list(), as: Self.ids)
            },
            "find": { call in
                _ = try await call.caller(services)
                let found = try await services.libraries.find(try call.required("spec", LibraryFindSpec.self))
                return try JSONRPCCodec.output(found, as: Self.ids)
            },
        ]
    }

    private static func localLibrary(_ services: Services) -> [String: Handler] {
        var operations = self.library(services)
        operations["find"] = nil
        operations["create"] = { call in
            let caller = try await call.caller(services)
            let id = try await services.libraries.createLocal(
                try call.required("create_spec", LibraryModel.self), clientToken: try call.optional("client_token"), caller: caller
            )
            return .string(id)
        }
        operations["update"] = { call in
            let caller = try await call.caller(services)
            return try await Self.void {
                try await services.libraries.update(
                    try call.required("library_id"), try call.required("update_spec", LibraryModel.self), caller: caller
                )
            }
        }
        operations["delete"] = { call in
            let caller = try await call.caller(services)
            return try await Self.void { try await services.libraries.delete(try call.required("library_id"), caller: caller) }
        }
        return operations
    }

    private static func type(_ services: Services) -> [String: Handler] {
        [
            "list": { call in
                let types = try services.types(caller: try await call.caller(services))
                return try JSONRPCCodec.output(types, as: .list(.structure(JSONRPCSchema.typeInfo)))
            }
        ]
    }

    private static func item(_ services: Services) -> [String: Handler] {
        let items = services.items
        return [
            "create": { call in
                let caller = try await call.caller(services)
                let spec = try call.required("create_spec", ItemModel.self)
                return .string(try await items.create(spec, clientToken: try call.optional("client_token"), caller: caller))
            },
            "get": { call in
                _ = try await call.caller(services)
                let item = try await items.get(try call.required("library_item_id"))
                return try JSONRPCCodec.output(item, as: .structure(JSONRPCSchema.itemModel))
            },
            "list": { call in
                _ = try await call.caller(services)
                return try JSONRPCCodec.output(try await items.list(libraryID: try call.required("library_id")), as: Self.ids)
            },
            "find": { call in
                _ = try await call.caller(services)
                return try JSONRPCCodec.output(try await items.find(try call.required("spec", ItemFindSpec.self)), as: Self.ids)
            },
            "update": { call in
                let caller = try await call.caller(services)
                return try await Self.void {
                    try await items.update(try call.required("library_item_id"), try call.required("update_spec", ItemModel.self), caller: caller)
                }
            },
            "delete": { call in
                let caller = try await call.caller(services)
                return try await Self.void { try await items.delete(try call.required("library_item_id"), caller: caller) }
            },
        ]
    }

    private static func itemFile(_ services: Services) -> [String: Handler] {
        let info = JSONRPCType.structure(JSONRPCSchema.itemFileInfo)
        return [
            "get": { call in
                _ = try await call.caller(services)
                let file = try await services.items.file(try call.required("library_item_id"), name: try call.required("name"))
                return try JSONRPCCodec.output(file, as: info)
            },
            "list": { call in
                _ = try await call.caller(services)
                return try JSONRPCCodec.output(try await services.items.files(try call.required("library_item_id")), as: .list(info))
            },
        ]
    }

    private static func itemStorage(_ services: Services) -> [String: Handler] {
        let infos = JSONRPCType.list(.structure(JSONRPCSchema.storageInfo))
        return [
            "get": { call in
                let caller = try await call.caller(services)
                let storage = try await services.items.storage(
                    try call.required("library_item_id"), fileName: try call.required("file_name"), caller: caller
                )
                return try JSONRPCCodec.output(storage, as: infos)
            },
            "list": { call in
                let caller = try await call.caller(services)
                return try JSONRPCCodec.output(try await services.items.storage(try call.required("library_item_id"), caller: caller), as: infos)
            },
        ]
    }

    private static func updateSession(_ services: Services) -> [String: Handler] {
        let sessions = services.updateSessions
        return [
            "create": { call in
                let caller = try await call.caller(services)
                let spec = try call.required("create_spec", UpdateSessionModel.self)
                return .string(try await sessions.create(spec, clientToken: try call.optional("client_token"), caller: caller))
            },
            "get": { call in
                let caller = try await call.caller(services)
                let session = try await sessions.get(try call.required("update_session_id"), caller: caller)
                return try JSONRPCCodec.output(session, as: .structure(JSONRPCSchema.updateSessionModel))
            },
            "list": { call in
                let caller = try await call.caller(services)
                return try JSONRPCCodec.output(try await sessions.list(itemID: try call.optional("library_item_id"), caller: caller), as: Self.ids)
            },
            "update": { call in
                let caller = try await call.caller(services)
                let spec = try call.required("update_spec", UpdateSessionModel.self)
                return try await Self.void { try await sessions.update(try call.required("update_session_id"), spec, caller: caller) }
            },
            "delete": { call in
                let caller = try await call.caller(services)
                return try await Self.void { try await sessions.delete(try call.required("update_session_id"), caller: caller) }
            },
            "complete": { call in
                let caller = try await call.caller(services)
                return try await Self.void { try await sessions.complete(try call.required("update_session_id"), caller: caller) }
            },
            "keep_alive": { call in
                let caller = try await call.caller(services)
                let progress = try call.optional("client_progress", Int64.self)
                return try await Self.void {
                    try await sessions.keepAlive(try call.required("update_session_id"), clientProgress: progress, caller: caller)
                }
            },
            "cancel": { call in
                let caller = try await call.caller(services)
                return try await Self.void { try await sessions.cancel(try call.required("update_session_id"), caller: caller) }
            },
            "fail": { call in
                let caller = try await call.caller(services)
                let message = try call.required("client_error_message", String.self)
                return try await Self.void { try await sessions.fail(try call.required("update_session_id"), message: message, caller: caller) }
            },
        ]
    }

    private static func sessionFile(_ services: Services) -> [String: Handler] {
        let files = services.sessionFiles
        let info = JSONRPCType.structure(JSONRPCSchema.sessionFileInfo)
        return [
            "add": { call in
                let caller = try await call.caller(services)
                let spec = try call.required("file_spec", SessionFileAddSpec.self)
                let added = try await files.add(
                    sessionID: try call.required("update_session_id"), spec, uploadBase: call.uploadBase, caller: caller
                )
                return try JSONRPCCodec.output(added, as: info)
            },
            "get": { call in
                let caller = try await call.caller(services)
                let file = try await files.get(
                    sessionID: try call.required("update_session_id"), name: try call.required("file_name"), uploadBase: call.uploadBase,
                    caller: caller
                )
                return try JSONRPCCodec.output(file, as: info)
            },
            "list": { call in
                let caller = try await call.caller(services)
                let list = try await files.list(sessionID: try call.required("update_session_id"), uploadBase: call.uploadBase, caller: caller)
                return try JSONRPCCodec.output(list, as: .list(info))
            },
            "remove": { call in
                let caller = try await call.caller(services)
                return try await Self.void {
                    try await files.remove(sessionID: try call.required("update_session_id"), name: try call.required("file_name"), caller: caller)
                }
            },
            "validate": { call in
                let caller = try await call.caller(services)
                let result = try await files.validate(sessionID: try call.required("update_session_id"), caller: caller)
                return try JSONRPCCodec.output(result, as: .structure(JSONRPCSchema.validationResult))
            },
        ]
    }
}
