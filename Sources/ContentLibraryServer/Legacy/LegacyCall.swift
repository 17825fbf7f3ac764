//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
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
struct LegacyCall: Sendable {
    /// The path below `/rest/com/vmware/` without the id segment, e.g. `content/library/item`.
    let resource: String
    /// The percent-decoded `id:` segment, if any.
    let pathID: String?
    /// The operation name, e.g. `list`, `complete`, `keep-alive`.
    let operation: String
    /// The body and query parameters.
    let parameters: LegacyParameters
    /// The HTTP request, for its session token and host.
    let request: Request

    /// The prefix every legacy path starts with.
    static let prefix = "/rest/com/vmware/"

    /// Parses a request; the body is read (up to `maxBody` bytes).
    init(_ request: Request, maxBody: Int) async throws {
        let path = request.uri.path
        guard path.hasPrefix(Self.prefix) else { throw Self.notFound(path) }
        var segments = path.dropFirst(Self.prefix.count).split(separator: "/").map(String.init)
        if let last = segments.last, last.hasPrefix("id:") {
            let raw = String(last.dropFirst(3))
            self.pathID = raw.removingPercentEncoding ?? raw
            segments.removeLast()
        } else {
            self.pathID = nil
        }
        self.resource = segments.joined(separator: "/")
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        if let action = query["~action"] {
            self.operation = action
        } else {
            switch request.method {
            case .get: self.operation = self.pathID == nil ? "list" : "get"
            case .post: self.operation = "create"
            case .patch: self.operation = "update"
            case .delete: self.operation = "delete"
            default: self.operation = request.method.rawValue.lowercased()
            }
        }
        var request = request
        let body = try await request.collectBody(upTo: maxBody)
        self.parameters = try LegacyParameters(body: Data(body.readableBytesView), query: query)
        self.request = request
    }

    /// The object the operation acts on: the `id:` segment, else the parameter `name` of the
    /// body or query (the older form `POST <collection>?~action=<op>` with every parameter in the body).
    func id(_ name: String) throws -> String {
        if let pathID { return pathID }
        return try self.parameters.requiredString(name)
    }

    /// The error for an operation this dialect does not know.
    func operationNotFound() -> APIError {
        APIError(
            .operationNotFound, id: "com.vmware.vapi.rest.operationNotFound",
            "The resource '\(self.resource)' has no operation '\(self.operation)'.", args: [self.resource, self.operation]
        )
    }

    private static func notFound(_ path: String) -> APIError {
        APIError(.operationNotFound, id: "com.vmware.vapi.rest.operationNotFound", "No service answers at '\(path)'.", args: [path])
    }
}
