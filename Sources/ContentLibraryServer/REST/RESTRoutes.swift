//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import Foundation
import HTTPTypes
import Hummingbird

/// The REST `/api` dialect (vSphere 8.0.2 paths, bare JSON): each route decodes, calls one
/// service operation, and encodes.
struct RESTRoutes: Sendable {
    let responder: RESTResponder
    var services: Services { self.responder.services }

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api")
        self.session(api)
        self.libraries(api)
        self.items(api)
        self.updateSessions(api)
        self.sessionFiles(api)
        api.get("content/type") { request, _ in
            await self.responder.respond { try self.services.types(caller: try await self.responder.caller(request)) }
        }
    }

    // MARK: cis.session

    private func session(_ api: RouterGroup<BasicRequestContext>) {
        api.post("session") { request, _ in
            await self.responder.respond(.created) {
                let (user, password) = try Self.basicCredentials(request)
                return try await self.services.auth.login(user: user, password: password)
            }
        }
        api.get("session") { request, _ in
            await self.responder.respond { try await self.services.auth.info(token: RESTResponder.sessionToken(request)) }
        }
        api.delete("session") { request, _ in
            await self.responder.respondVoid { try await self.services.auth.logout(token: RESTResponder.sessionToken(request)) }
        }
    }

    // MARK: Libraries

    private func libraries(_ api: RouterGroup<BasicRequestContext>) {
        api.post("content/local-library") { request, _ in
            await self.responder.respond(.created) {
                let caller = try await self.responder.caller(request)
                let spec = try await self.responder.body(LibraryModel.self, request)
                return try await self.services.libraries.createLocal(spec, clientToken: Self.clientToken(request), caller: caller)
            }
        }
        api.get("content/local-library") { request, _ in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                return try await self.services.libraries.list()
            }
        }
        api.get("content/local-library/:library") { request, context in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                return try await self.services.libraries.get(try context.parameters.require("library"))
            }
        }
        api.patch("content/local-library/:library") { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                let spec = try await self.responder.body(LibraryModel.self, request)
                try await self.services.libraries.update(try context.parameters.require("library"), spec, caller: caller)
            }
        }
        api.delete("content/local-library/:library") { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                try await self.services.libraries.delete(try context.parameters.require("library"), caller: caller)
            }
        }
        api.get("content/library") { request, _ in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                return try await self.services.libraries.list()
            }
        }
        api.post("content/library") { request, _ in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                try Self.requireAction("find", request)
                return try await self.services.libraries.find(try await self.responder.body(LibraryFindSpec.self, request))
            }
        }
        api.get("content/library/:library") { request, context in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                return try await self.services.libraries.get(try context.parameters.require("library"))
            }
        }
    }

    // MARK: Items

    private func items(_ api: RouterGroup<BasicRequestContext>) {
        api.post("content/library/item") { request, _ in
            if request.uri.queryParameters.get("action") == "find" {
                return await self.responder.respond {
                    _ = try await self.responder.caller(request)
                    return try await self.services.items.find(try await self.responder.body(ItemFindSpec.self, request))
                }
            }
            return await self.responder.respond(.created) {
                let caller = try await self.responder.caller(request)
                try Self.rejectAction(request)
                let spec = try await self.responder.body(ItemModel.self, request)
                return try await self.services.items.create(spec, clientToken: Self.clientToken(request), caller: caller)
            }
        }
        api.get("content/library/item") { request, _ in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                guard let library = request.uri.queryParameters.get("library_id") else {
                    throw APIError(.invalidArgument, id: "com.vmware.vapi.rest.missingParameter", "The query parameter library_id is required.")
                }
                return try await self.services.items.list(libraryID: library)
            }
        }
        api.get("content/library/item/:item") { request, context in
            await self.responder.respond {
                _ = try await self.responder.caller(request)
                return try await self.services.items.get(try context.parameters.require("item"))
            }
        }
        api.patch("content/library/item/:item") { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                let spec = try await self.responder.body(ItemModel.self, request)
                try await self.services.items.update(try context.parameters.require("item"), spec, caller: caller)
            }
        }
        api.delete("content/library/item/:item") { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                try await self.services.items.delete(try context.parameters.require("item"), caller: caller)
            }
        }
        api.get("content/library/item/:item/file") { request, context in
            let item = context.parameters.get("item") ?? ""
            if let name = request.uri.queryParameters.get("name") {
                return await self.responder.respond {
                    _ = try await self.responder.caller(request)
                    return try await self.services.items.file(item, name: name)
                }
            }
            return await self.responder.respond {
                _ = try await self.responder.caller(request)
                return try await self.services.items.files(item)
            }
        }
        api.get("content/library/item/:item/storage") { request, context in
            let item = context.parameters.get("item") ?? ""
            if let name = request.uri.queryParameters.get("file_name") {
                return await self.responder.respond {
                    try await self.services.items.storage(item, fileName: name, caller: try await self.responder.caller(request))
                }
            }
            return await self.responder.respond {
                try await self.services.items.storage(item, caller: try await self.responder.caller(request))
            }
        }
    }

    // MARK: Update sessions

    private func updateSessions(_ api: RouterGroup<BasicRequestContext>) {
        let path = "content/library/item/update-session"
        api.post(RouterPath(path)) { request, _ in
            await self.responder.respond(.created) {
                let caller = try await self.responder.caller(request)
                try Self.rejectAction(request)
                let spec = try await self.responder.body(UpdateSessionModel.self, request)
                return try await self.services.updateSessions.create(spec, clientToken: Self.clientToken(request), caller: caller)
            }
        }
        api.get(RouterPath(path)) { request, _ in
            await self.responder.respond {
                let caller = try await self.responder.caller(request)
                return try await self.services.updateSessions.list(itemID: request.uri.queryParameters.get("library_item_id"), caller: caller)
            }
        }
        api.get(RouterPath(path + "/:session")) { request, context in
            await self.responder.respond {
                let caller = try await self.responder.caller(request)
                return try await self.services.updateSessions.get(try context.parameters.require("session"), caller: caller)
            }
        }
        api.patch(RouterPath(path + "/:session")) { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                let spec = try await self.responder.body(UpdateSessionModel.self, request)
                try await self.services.updateSessions.update(try context.parameters.require("session"), spec, caller: caller)
            }
        }
        api.delete(RouterPath(path + "/:session")) { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                try await self.services.updateSessions.delete(try context.parameters.require("session"), caller: caller)
            }
        }
        api.post(RouterPath(path + "/:session")) { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                let id = try context.parameters.require("session")
                let sessions = self.services.updateSessions
                switch request.uri.queryParameters.get("action") {
                case "complete":
                    try await sessions.complete(id, caller: caller)
                case "keep-alive":
                    let body = try await self.responder.optionalBody(KeepAliveBody.self, request)
                    try await sessions.keepAlive(id, clientProgress: body?.clientProgress, caller: caller)
                case "cancel":
                    try await sessions.cancel(id, caller: caller)
                case "fail":
                    let body = try await self.responder.optionalBody(FailBody.self, request)
                    try await sessions.fail(id, message: body?.clientErrorMessage ?? "The client failed the update session.", caller: caller)
                case let action:
                    throw Self.unknownAction(action)
                }
            }
        }
    }

    // MARK: Session files

    private func sessionFiles(_ api: RouterGroup<BasicRequestContext>) {
        let path = "content/library/item/update-session/:session/file"
        api.post(RouterPath(path)) { request, context in
            let files = self.services.sessionFiles
            if request.uri.queryParameters.get("action") == "validate" {
                return await self.responder.respond {
                    let caller = try await self.responder.caller(request)
                    return try await files.validate(sessionID: try context.parameters.require("session"), caller: caller)
                }
            }
            return await self.responder.respond(.created) {
                let caller = try await self.responder.caller(request)
                try Self.rejectAction(request)
                let spec = try await self.responder.body(SessionFileAddSpec.self, request)
                return try await files.add(
                    sessionID: try context.parameters.require("session"), spec, uploadBase: self.responder.uploadBase(request), caller: caller
                )
            }
        }
        api.get(RouterPath(path)) { request, context in
            await self.responder.respond {
                let caller = try await self.responder.caller(request)
                return try await self.services.sessionFiles.list(
                    sessionID: try context.parameters.require("session"), uploadBase: self.responder.uploadBase(request), caller: caller
                )
            }
        }
        api.get(RouterPath(path + "/:name")) { request, context in
            await self.responder.respond {
                let caller = try await self.responder.caller(request)
                return try await self.services.sessionFiles.get(
                    sessionID: try context.parameters.require("session"), name: try Self.pathName(context),
                    uploadBase: self.responder.uploadBase(request), caller: caller
                )
            }
        }
        api.delete(RouterPath(path + "/:name")) { request, context in
            await self.responder.respondVoid {
                let caller = try await self.responder.caller(request)
                try await self.services.sessionFiles.remove(
                    sessionID: try context.parameters.require("session"), name: try Self.pathName(context), caller: caller
                )
            }
        }
    }

    // MARK: Request parts

    /// The `client_token`: query parameter (8.0.2 spec) or `Client-Token` header (9.x bindings).
    static func clientToken(_ request: Request) -> String? {
        request.uri.queryParameters.get("client_token") ?? request.headers[HTTPField.Name("Client-Token")!]
    }

    static func pathName(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return raw.removingPercentEncoding ?? raw
    }

    static func requireAction(_ action: String, _ request: Request) throws {
        let given = request.uri.queryParameters.get("action")
        guard given == action else { throw unknownAction(given) }
    }

    static func rejectAction(_ request: Request) throws {
        if let action = request.uri.queryParameters.get("action") { throw unknownAction(action) }
    }

    static func unknownAction(_ action: String?) -> APIError {
        APIError(
            .operationNotFound, id: "com.vmware.vapi.rest.operationNotFound",
            action.map { "This resource has no action '\($0)'." } ?? "This request needs an action query parameter.",
            args: action.map { [$0] } ?? []
        )
    }

    /// The user and password of an `Authorization: Basic` header.
    static func basicCredentials(_ request: Request) throws -> (String, String) {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            throw APIError(
                .unauthenticated, id: "com.vmware.vapi.endpoint.method.authentication.required",
                "Log in with HTTP Basic authentication (Authorization: Basic base64(user:password))."
            )
        }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

/// The body of `keep_alive`.
struct KeepAliveBody: Decodable {
    var clientProgress: Int64?
    enum CodingKeys: String, CodingKey { case clientProgress = "client_progress" }
}

/// The body of `fail`.
struct FailBody: Decodable {
    var clientErrorMessage: String?
    enum CodingKeys: String, CodingKey { case clientErrorMessage = "client_error_message" }
}
