//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryOperations
import Foundation
import HTTPTypes
import Hummingbird

/// A legacy `/rest` request taken apart: which resource, which object (`/id:{id}`), which
/// operation, and its parameters.
///
/// `POST /rest/com/vmware/content/library/item/update-session/id:42?~action=complete` is the
/// operation `complete` of `content/library/item/update-session` on `42`. Without `~action`
/// the method names the operation, as in the vAPI REST mapping: `GET` is `get` with an id and
/// `list` without, `POST` is `create`, `PATCH` is `update` and `DELETE` is `delete`.
///
/// The body is a JSON object wrapping each parameter under its name (`{"create_spec": {…},
/// "client_token": "…"}`); simple parameters may also come in the query (`?library_item_id=…`).
/// An empty body means no parameters, as govc sends for `complete`, `fail` and `keep-alive`.
struct LegacyCall: Sendable {
    /// The path below `/rest/com/vmware/` without the id segment, e.g. `content/library/item`.
    let resource: String
    /// The percent-decoded `id:` segment, if any.
    let pathID: String?
    /// The operation name, e.g. `list`, `complete`, `keep-alive`.
    let action: String
    /// The body's parameters, then the query's where the body has none of that name.
    let fields: [String: JSONValue]

    /// The prefix every legacy path starts with.
    static let prefix = "/rest/com/vmware/"

    /// Parses a request; the body is read (up to the wire's `maxBody` bytes).
    init(_ request: Request, wire: WireContext) async throws {
        let path = request.uri.path
        guard path.hasPrefix(Self.prefix) else { throw WireContext.noOperation(request.method, path) }
        var segments = path.dropFirst(Self.prefix.count).split(separator: "/").map(String.init)
        if let last = segments.last, last.hasPrefix("id:") {
            let raw = String(last.dropFirst(3))
            self.pathID = raw.removingPercentEncoding ?? raw
            segments.removeLast()
        } else {
            self.pathID = nil
        }
        self.resource = segments.joined(separator: "/")
        var query: [String: JSONValue] = [:]
        for (name, value) in request.uri.queryParameters where name != "~action" { query[String(name)] = .string(String(value)) }
        if let action = request.uri.queryParameters.get("~action") {
            self.action = action
        } else {
            switch request.method {
            case .get: self.action = self.pathID == nil ? "list" : "get"
            case .post: self.action = "create"
            case .patch: self.action = "update"
            case .delete: self.action = "delete"
            default: self.action = request.method.rawValue.lowercased()
            }
        }
        let body = try await wire.jsonBody(request) { "The request body must be a JSON object of named parameters: \($0)." }
        guard let members = body.map({ $0.object }) ?? [:] else {
            throw APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The request body must be a JSON object of named parameters.")
        }
        self.fields = query.merging(members) { _, body in body }
    }

    /// The input of `operation`: the parameters, and the `id:` segment as its identifier.
    func input(for operation: APIOperation) -> OperationInput {
        var fields = self.fields
        if let pathID, let identifier = operation.identifier { fields[identifier.name] = .string(pathID) }
        return OperationInput(fields)
    }

    /// The error for an operation this dialect does not know.
    func operationNotFound() -> APIError {
        APIError(
            .operationNotFound, id: "com.vmware.vapi.rest.operationNotFound",
            "The resource '\(self.resource)' has no operation '\(self.action)'.", args: [self.resource, self.action]
        )
    }
}
