//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import AsyncHTTPClient
public import ContentLibraryModel
public import ContentLibraryAPI
import Foundation
import NIOCore
import NIOHTTP1

/// The REST `/api` calls an import needs, typed with the shared wire models.
///
/// One value is one logged-in API session (`vmware-api-session-id`). Every call either returns
/// the decoded answer or throws a ClientError that says which operation failed and why, with
/// the server's vAPI messages when it sent some.
public struct ContentLibraryAPI: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:8080` (no `/api`, no trailing slash).
    public let server: String
    /// The API session token.
    let token: String
    /// The HTTP client.
    let transport: HTTPTransport

    /// How long an API call may take; uploads do not go through here.
    static let callTimeout: TimeAmount = .seconds(120)

    /// The base URL of a `--server` value: `http(s)://host[:port]`, with a trailing `/` or `/api` dropped.
    /// - Throws: `ClientError.usage` when it is not an http or https URL.
    public static func baseURL(_ text: String) throws(ClientError) -> String {
        var base = text.trimmingCharacters(in: .whitespaces)
        while base.hasSuffix("/") { base.removeLast() }
        if base.hasSuffix("/api") { base.removeLast(4) }
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw .usage("--server must be an http or https URL such as http://127.0.0.1:8080, not '\(text)'")
        }
        return base
    }

    /// `cis.session.create`: logs in with HTTP Basic authentication.
    /// - Throws: `ClientError.authentication` when the credentials are refused.
    public static func login(server: String, user: String, password: String, transport: HTTPTransport) async throws(ClientError) -> ContentLibraryAPI {
        var request = HTTPClientRequest(url: server + "/api/session")
        request.method = .POST
        let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Accept", value: "application/json")
        let reply = try await transport.send(request, deadline: .now() + Self.callTimeout)
        if reply.status == 401 || reply.status == 403 {
            throw .authentication("the server refused the user name or password of \(user) (HTTP \(reply.status))")
        }
        let token = try Self.decode(String.self, reply, operation: "log in")
        return ContentLibraryAPI(server: server, token: token, transport: transport)
    }

    /// `cis.session.delete`: logs out; failures are ignored (the session expires anyway).
    public func logout() async {
        _ = try? await self.call(.DELETE, "/api/session", operation: "log out")
    }

    // MARK: Libraries and items

    /// The library named `name`: `Library.find` by name, then `get`, preferring an exact match
    /// over one that differs only in case (find compares without case).
    /// - Throws: `ClientError.usage` when there is none, naming the libraries that exist.
    public func library(named name: String) async throws(ClientError) -> LibraryModel {
        let ids = try await self.json([String].self, .POST, "/api/content/library", query: [("action", "find")], body: Self.encode(LibraryFindSpec(name: name)), operation: "find library \(name)")
        var candidates: [LibraryModel] = []
        for id in ids {
            candidates.append(try await self.json(LibraryModel.self, .GET, "/api/content/library/\(Self.escape(id))", operation: "get library \(id)"))
        }
        if let library = candidates.first(where: { $0.name == name }) ?? candidates.first(where: { $0.name?.lowercased() == name.lowercased() }) {
            return library
        }
        let all = try await self.json([String].self, .GET, "/api/content/library", operation: "list libraries")
        var names: [String] = []
        for id in all.prefix(20) {
            if let library = try? await self.json(LibraryModel.self, .GET, "/api/content/library/\(Self.escape(id))", operation: "get library") {
                names.append(library.name ?? id)
            }
        }
        throw .usage(
            "no library named '\(name)' on \(self.server)"
                + (names.isEmpty ? " (the server has no libraries)" : "; libraries: \(names.sorted().joined(separator: ", "))")
        )
    }

    /// The item named `name` in the library, or `nil`; exact names are preferred over case-insensitive ones.
    public func item(named name: String, libraryID: String) async throws(ClientError) -> ItemModel? {
        let ids = try await self.json(
            [String].self, .POST, "/api/content/library/item", query: [("action", "find")],
            body: Self.encode(ItemFindSpec(name: name, libraryID: libraryID)), operation: "find item \(name)"
        )
        var candidates: [ItemModel] = []
        for id in ids { candidates.append(try await self.item(id)) }
        return candidates.first { $0.name == name } ?? candidates.first { $0.name?.lowercased() == name.lowercased() }
    }

    /// `Item.get`.
    public func item(_ id: String) async throws(ClientError) -> ItemModel {
        try await self.json(ItemModel.self, .GET, "/api/content/library/item/\(Self.escape(id))", operation: "get item \(id)")
    }

    /// `Item.create`: a new item of `type` (`nil` for generic files); returns its id.
    public func createItem(name: String, libraryID: String, type: String?) async throws(ClientError) -> String {
        try await self.json(
            String.self, .POST, "/api/content/library/item", query: [("client_token", UUID().uuidString.lowercased())],
            body: Self.encode(ItemModel(libraryID: libraryID, name: name, type: type)), operation: "create item \(name)"
        )
    }

    /// `item.File.list`: the files stored in an item.
    public func itemFiles(_ itemID: String) async throws(ClientError) -> [ItemFileInfo] {
        try await self.json([ItemFileInfo].self, .GET, "/api/content/library/item/\(Self.escape(itemID))/file", operation: "list the files of item \(itemID)")
    }

    // MARK: Update sessions

    private static let sessions = "/api/content/library/item/update-session"

    /// `UpdateSession.create` on an item; returns the session id.
    public func createSession(itemID: String, warningBehavior: [WarningBehavior]) async throws(ClientError) -> String {
        try await self.json(
            String.self, .POST, Self.sessions, query: [("client_token", UUID().uuidString.lowercased())],
            body: Self.encode(UpdateSessionModel(libraryItemID: itemID, warningBehavior: warningBehavior.isEmpty ? nil : warningBehavior)),
            operation: "create an update session"
        )
    }

    /// `UpdateSession.list` for one item: the ids of the caller's own sessions on it, in any state
    /// (another user's sessions are not listed).
    public func sessions(itemID: String) async throws(ClientError) -> [String] {
        try await self.json([String].self, .GET, Self.sessions, query: [("library_item_id", itemID)], operation: "list the item's update sessions")
    }

    /// `UpdateSession.get`.
    public func session(_ id: String) async throws(ClientError) -> UpdateSessionModel {
        try await self.json(UpdateSessionModel.self, .GET, "\(Self.sessions)/\(Self.escape(id))", operation: "get the update session")
    }

    /// `UpdateSession.update`: sets the session's `warning_behavior`.
    public func update(session id: String, warningBehavior: [WarningBehavior]) async throws(ClientError) {
        try await self.call(
            .PATCH, "\(Self.sessions)/\(Self.escape(id))", body: Self.encode(UpdateSessionModel(warningBehavior: warningBehavior)),
            operation: "update the session's warning behavior"
        )
    }

    /// `UpdateSession.keep_alive`, with the client's progress in percent.
    public func keepAlive(session id: String, progress: Int64?) async throws(ClientError) {
        try await self.call(
            .POST, "\(Self.sessions)/\(Self.escape(id))", query: [("action", "keep-alive")],
            body: Self.encode(KeepAliveBody(clientProgress: progress)), operation: "keep the session alive"
        )
    }

    /// `UpdateSession.complete`.
    public func complete(session id: String) async throws(ClientError) {
        try await self.call(.POST, "\(Self.sessions)/\(Self.escape(id))", query: [("action", "complete")], operation: "complete the update session")
    }

    /// `UpdateSession.fail`, with the client's reason.
    public func fail(session id: String, message: String) async throws(ClientError) {
        try await self.call(
            .POST, "\(Self.sessions)/\(Self.escape(id))", query: [("action", "fail")],
            body: Self.encode(FailBody(clientErrorMessage: message)), operation: "fail the update session"
        )
    }

    // MARK: Session files

    /// `File.add`.
    public func addFile(session id: String, _ spec: SessionFileAddSpec) async throws(ClientError) -> SessionFileInfo {
        try await self.json(
            SessionFileInfo.self, .POST, "\(Self.sessions)/\(Self.escape(id))/file", body: Self.encode(spec), operation: "add \(spec.name)"
        )
    }

    /// `File.get`.
    public func file(session id: String, name: String) async throws(ClientError) -> SessionFileInfo {
        try await self.json(
            SessionFileInfo.self, .GET, "\(Self.sessions)/\(Self.escape(id))/file/\(Self.escape(name))", operation: "get the status of \(name)"
        )
    }

    /// `File.list`: the session's files, the item's earlier files included.
    public func files(session id: String) async throws(ClientError) -> [SessionFileInfo] {
        try await self.json([SessionFileInfo].self, .GET, "\(Self.sessions)/\(Self.escape(id))/file", operation: "list the session's files")
    }

    /// `File.remove`.
    public func removeFile(session id: String, name: String) async throws(ClientError) {
        try await self.call(.DELETE, "\(Self.sessions)/\(Self.escape(id))/file/\(Self.escape(name))", operation: "remove \(name) from the session")
    }

    /// `File.validate`.
    public func validate(session id: String) async throws(ClientError) -> ValidationResult {
        try await self.json(ValidationResult.self, .POST, "\(Self.sessions)/\(Self.escape(id))/file", query: [("action", "validate")], operation: "validate the files")
    }

    // MARK: Plumbing

    /// Calls an operation and decodes its JSON answer.
    func json<T: Decodable>(
        _ type: T.Type, _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil, operation: String
    ) async throws(ClientError) -> T {
        let reply = try await self.call(method, path, query: query, body: body, operation: operation)
        return try Self.decode(type, reply, operation: operation)
    }

    /// Calls an operation; a non-2xx answer becomes `ClientError.api` (or `.authentication` for 401).
    @discardableResult
    func call(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8]? = nil, operation: String
    ) async throws(ClientError) -> HTTPTransport.Reply {
        var url = self.server + path
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0)=\(Self.escapeQuery($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "vmware-api-session-id", value: self.token)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let reply = try await self.transport.send(request, deadline: .now() + Self.callTimeout)
        guard (200..<300).contains(reply.status) else {
            throw Self.failure(reply, operation: operation)
        }
        return reply
    }

    /// The error of a non-2xx answer, with the server's vAPI messages when the body has them.
    static func failure(_ reply: HTTPTransport.Reply, operation: String) -> ClientError {
        if let body = try? JSONDecoder().decode(RESTErrorBody.self, from: Data(reply.body)) {
            let kind = body.errorType.flatMap(APIError.Kind.init(rawValue:)) ?? .error
            let error = APIError(kind, messages: body.messages)
            if reply.status == 401 || kind == .unauthenticated {
                return .authentication("\(operation): the server no longer accepts this login (\(error.messages.map(\.defaultMessage).joined(separator: " ")))")
            }
            return .api(operation: operation, status: reply.status, error: error)
        }
        let text = reply.text.prefix(300)
        return .unexpectedResponse(operation: operation, status: reply.status, detail: text.isEmpty ? "empty body" : String(text))
    }

    /// Decodes a JSON answer.
    static func decode<T: Decodable>(_ type: T.Type, _ reply: HTTPTransport.Reply, operation: String) throws(ClientError) -> T {
        guard (200..<300).contains(reply.status) else { throw Self.failure(reply, operation: operation) }
        do {
            return try VAPIJSON.decoder().decode(type, from: Data(reply.body))
        } catch {
            throw .unexpectedResponse(operation: operation, status: reply.status, detail: "cannot decode the answer: \(error)")
        }
    }

    /// Encodes a request body.
    static func encode(_ value: some Encodable) -> [UInt8] {
        // The shared models always encode; a failure would be a programming error.
        (try? Array(VAPIJSON.encoder().encode(value))) ?? Array("{}".utf8)
    }

    /// Percent-encodes one path segment (ids, file names), `/` included.
    static func escape(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    /// Percent-encodes a query value.
    static func escapeQuery(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#%")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// The `/api` error body: `{"error_type": …, "messages": […]}`.
struct RESTErrorBody: Decodable {
    var errorType: String?
    var messages: [LocalizableMessage]

    enum CodingKeys: String, CodingKey {
        case errorType = "error_type"
        case messages
    }
}

/// The body of `keep_alive`.
struct KeepAliveBody: Encodable {
    var clientProgress: Int64?

    enum CodingKeys: String, CodingKey {
        case clientProgress = "client_progress"
    }
}

/// The body of `fail`.
struct FailBody: Encodable {
    var clientErrorMessage: String

    enum CodingKeys: String, CodingKey {
        case clientErrorMessage = "client_error_message"
    }
}
