//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import HTTPTypes
import Hummingbird

/// The legacy `/rest/com/vmware/...` dialect that govc, govmomi and older scripts speak: each
/// operation decodes its wrapped parameters, calls the same service operation as `/api`, and
/// answers in `LegacyDialect`'s shape. It owns no rule.
struct LegacyRoutes: Sendable {
    let responder: RESTResponder
    var services: Services { self.responder.services }

    /// Serves every method under `/rest/`; unknown operations answer `OperationNotFound`.
    func register(on router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .post, .patch, .delete, .put] {
            router.on("rest/**", method: method) { request, _ in await self.handle(request) }
        }
    }

    /// What an operation produced.
    private enum Outcome {
        /// A result, sent as `{"value": …}`.
        case value(any Encodable)
        /// Nothing, sent as 200 with an empty body.
        case void
        /// A new session token: a result that also sets the session cookie.
        case login(String)
    }

    /// Parses, performs and answers one legacy request; every failure becomes a legacy error body.
    private func handle(_ request: Request) async -> Response {
        do {
            let call = try await LegacyCall(request, maxBody: RESTResponder.maxBody)
            switch try await self.perform(call) {
            case .value(let value):
                return LegacyDialect.value(value, status: .ok)
            case .void:
                return LegacyDialect.void()
            case .login(let token):
                var response = LegacyDialect.value(token, status: .ok)
                // Older scripts keep the cookie; govc asks for header authentication instead.
                if request.headers[HTTPField.Name("vmware-use-header-authn")!]?.lowercased() != "true" {
                    response.headers[.setCookie] = "vmware-api-session-id=\(token); Path=/rest; HttpOnly"
                }
                return response
            }
        } catch {
            return LegacyDialect.error(self.responder.apiError(error))
        }
    }

    /// Routes a call to its resource's operations; an unknown resource is `OperationNotFound`.
    private func perform(_ call: LegacyCall) async throws -> Outcome {
        switch call.resource {
        case "cis/session": try await self.session(call)
        case "content/library", "content/local-library": try await self.library(call)
        case "content/library/item": try await self.item(call)
        case "content/library/item/file": try await self.itemFile(call)
        case "content/library/item/storage": try await self.itemStorage(call)
        case "content/library/item/update-session": try await self.updateSession(call)
        case "content/library/item/updatesession/file": try await self.sessionFile(call)
        case "content/type" where call.operation == "list":
            .value(try self.services.types(caller: try await self.caller(call)))
        default: throw call.operationNotFound()
        }
    }

    /// The authenticated caller: header `vmware-api-session-id` or the cookie of that name.
    private func caller(_ call: LegacyCall) async throws -> Caller {
        try await self.responder.caller(call.request)
    }

    // MARK: cis.session

    /// `cis/session`: login with HTTP Basic, `~action=get`, and logout by `DELETE`.
    private func session(_ call: LegacyCall) async throws -> Outcome {
        let token = RESTResponder.sessionToken(call.request)
        switch call.operation {
        case "create":
            let (user, password) = try RESTRoutes.basicCredentials(call.request)
            return .login(try await self.services.auth.login(user: user, password: password))
        case "get":
            return .value(try await self.services.auth.info(token: token))
        case "delete":
            try await self.services.auth.logout(token: token)
            return .void
        default:
            throw call.operationNotFound()
        }
    }

    // MARK: Libraries

    /// `content/library` and `content/local-library`: both reach the local libraries.
    private func library(_ call: LegacyCall) async throws -> Outcome {
        let libraries = self.services.libraries
        let local = call.resource == "content/local-library"
        switch call.operation {
        case "create" where local:
            let caller = try await self.caller(call)
            let spec = try call.parameters.required(LibraryModel.self, "create_spec")
            return .value(try await libraries.createLocal(spec, clientToken: try call.parameters.string("client_token"), caller: caller))
        case "list":
            _ = try await self.caller(call)
            return .value(try await libraries.list())
        case "get":
            _ = try await self.caller(call)
            return .value(try await libraries.get(try call.id("library_id")))
        case "find" where !local:
            _ = try await self.caller(call)
            return .value(try await libraries.find(try call.parameters.required(LibraryFindSpec.self, "spec")))
        case "update":
            let caller = try await self.caller(call)
            try await libraries.update(try call.id("library_id"), try call.parameters.required(LibraryModel.self, "update_spec"), caller: caller)
            return .void
        case "delete" where local:
            let caller = try await self.caller(call)
            try await libraries.delete(try call.id("library_id"), caller: caller)
            return .void
        default:
            throw call.operationNotFound()
        }
    }

    // MARK: Items

    /// `content/library/item`: create, list, get, find, update, delete; `copy` is `Unsupported`.
    private func item(_ call: LegacyCall) async throws -> Outcome {
        let items = self.services.items
        switch call.operation {
        case "create":
            let caller = try await self.caller(call)
            let spec = try call.parameters.required(ItemModel.self, "create_spec")
            return .value(try await items.create(spec, clientToken: try call.parameters.string("client_token"), caller: caller))
        case "list":
            _ = try await self.caller(call)
            return .value(try await items.list(libraryID: try call.parameters.requiredString("library_id")))
        case "get":
            _ = try await self.caller(call)
            return .value(try await items.get(try call.id("library_item_id")))
        case "find":
            _ = try await self.caller(call)
            return .value(try await items.find(try call.parameters.required(ItemFindSpec.self, "spec")))
        case "update":
            let caller = try await self.caller(call)
            try await items.update(try call.id("library_item_id"), try call.parameters.required(ItemModel.self, "update_spec"), caller: caller)
            return .void
        case "delete":
            let caller = try await self.caller(call)
            try await items.delete(try call.id("library_item_id"), caller: caller)
            return .void
        case "copy":
            _ = try await self.caller(call)
            throw APIError(
                .unsupported, id: "com.vmware.content.library.item.copy.unsupported",
                "This server does not copy library items; create an item and upload its files instead."
            )
        default:
            throw call.operationNotFound()
        }
    }

    /// `content/library/item/file`: the files stored in an item.
    private func itemFile(_ call: LegacyCall) async throws -> Outcome {
        _ = try await self.caller(call)
        let item = try call.id("library_item_id")
        switch call.operation {
        case "list": return .value(try await self.services.items.files(item))
        case "get": return .value(try await self.services.items.file(item, name: try call.parameters.requiredString("name")))
        default: throw call.operationNotFound()
        }
    }

    /// `content/library/item/storage`: where an item's files are stored.
    private func itemStorage(_ call: LegacyCall) async throws -> Outcome {
        let caller = try await self.caller(call)
        let item = try call.id("library_item_id")
        switch call.operation {
        case "list":
            return .value(try await self.services.items.storage(item, caller: caller))
        case "get":
            return .value(try await self.services.items.storage(item, fileName: try call.parameters.requiredString("file_name"), caller: caller))
        default:
            throw call.operationNotFound()
        }
    }

    // MARK: Update sessions

    /// `content/library/item/update-session`: create, list, get, update, delete, and the actions
    /// `complete`, `cancel`, `keep-alive` and `fail` (the last two with or without a body).
    private func updateSession(_ call: LegacyCall) async throws -> Outcome {
        let sessions = self.services.updateSessions
        let caller = try await self.caller(call)
        switch call.operation {
        case "create":
            let spec = try call.parameters.required(UpdateSessionModel.self, "create_spec")
            return .value(try await sessions.create(spec, clientToken: try call.parameters.string("client_token"), caller: caller))
        case "list":
            return .value(try await sessions.list(itemID: try call.parameters.string("library_item_id"), caller: caller))
        case "get":
            return .value(try await sessions.get(try call.id("update_session_id"), caller: caller))
        case "update":
            let spec = try call.parameters.required(UpdateSessionModel.self, "update_spec")
            try await sessions.update(try call.id("update_session_id"), spec, caller: caller)
        case "delete":
            try await sessions.delete(try call.id("update_session_id"), caller: caller)
        case "complete":
            try await sessions.complete(try call.id("update_session_id"), caller: caller)
        case "cancel":
            try await sessions.cancel(try call.id("update_session_id"), caller: caller)
        case "keep-alive":
            let progress = try call.parameters.optional(Int64.self, "client_progress")
            try await sessions.keepAlive(try call.id("update_session_id"), clientProgress: progress, caller: caller)
        case "fail":
            let message = try call.parameters.optional(String.self, "client_error_message") ?? "The client failed the update session."
            try await sessions.fail(try call.id("update_session_id"), message: message, caller: caller)
        default:
            throw call.operationNotFound()
        }
        return .void
    }

    // MARK: Session files

    /// `content/library/item/updatesession/file`: the files of an update session.
    private func sessionFile(_ call: LegacyCall) async throws -> Outcome {
        let files = self.services.sessionFiles
        let caller = try await self.caller(call)
        let uploadBase = self.responder.uploadBase(call.request)
        if call.operation == "probe" {
            return .value(try await files.probe(try call.parameters.required(TransferEndpoint.self, "source_endpoint"), caller: caller))
        }
        let session = try call.id("update_session_id")
        switch call.operation {
        case "add":
            let spec = try call.parameters.required(SessionFileAddSpec.self, "file_spec")
            return .value(try await files.add(sessionID: session, spec, uploadBase: uploadBase, caller: caller))
        case "get":
            let name = try call.parameters.requiredString("file_name")
            return .value(try await files.get(sessionID: session, name: name, uploadBase: uploadBase, caller: caller))
        case "list":
            return .value(try await files.list(sessionID: session, uploadBase: uploadBase, caller: caller))
        case "remove":
            try await files.remove(sessionID: session, name: try call.parameters.requiredString("file_name"), caller: caller)
            return .void
        case "validate":
            return .value(try await files.validate(sessionID: session, caller: caller))
        default:
            throw call.operationNotFound()
        }
    }
}
