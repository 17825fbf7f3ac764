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

/// The REST `/api` dialect (vSphere 8.0.2 paths, bare JSON): a codec over the operation table.
///
/// Every operation with a `rest` binding is served at its path; the request's path parameters,
/// query and JSON body become the operation's input fields, the result is bare JSON with the
/// binding's status, and errors are `RESTDialect` errors. Any other path under `/api` answers
/// `OperationNotFound` in the same shape.
struct RESTRoutes: Sendable {
    let wire: WireContext

    func register(on router: Router<ServerRequestContext>) {
        // Operations that share a path (e.g. get, update, delete and copy of an item) are told
        // apart by method, `action` and selector; parameters are registered by position, so two
        // operations naming the same path segment differently share one route.
        let bound = self.wire.table.operations.compactMap { operation in operation.rest.map { Bound(operation: operation, binding: $0) } }
        for (path, operations) in Dictionary(grouping: bound, by: { Self.routePath($0.binding.path) }) {
            for method in [HTTPRequest.Method.get, .post, .patch, .delete, .put] {
                router.on(RouterPath("api/" + path), method: method) { request, context in
                    await self.handle(request, context, operations.filter { $0.binding.method.rawValue == method.rawValue })
                }
            }
        }
        for method in [HTTPRequest.Method.get, .post, .patch, .delete, .put] {
            router.on("api/**", method: method) { request, _ in
                RESTDialect.error(WireContext.noOperation(request.method, request.uri.path))
            }
        }
    }

    /// An operation served under `/api`, with its binding.
    private struct Bound: Sendable {
        let operation: APIOperation
        let binding: RESTBinding
    }

    /// `content/library/{library_id}` → `content/library/:p0`.
    static func routePath(_ template: String) -> String {
        var index = 0
        return template.split(separator: "/").map { segment -> String in
            guard segment.hasPrefix("{") else { return String(segment) }
            defer { index += 1 }
            return ":p\(index)"
        }.joined(separator: "/")
    }

    /// Picks the operation, builds its input, invokes it, and encodes the answer.
    private func handle(_ request: Request, _ context: ServerRequestContext, _ candidates: [Bound]) async -> Response {
        var bodyParameter: String?
        do {
            let (operation, binding) = try Self.select(candidates, request)
            var fields: [String: JSONValue] = [:]
            for (name, value) in request.uri.queryParameters where name != "action" {
                fields[String(name)] = .string(String(value))
            }
            if fields["client_token"] == nil, let token = request.headers[HTTPField.Name("Client-Token")!] {
                fields["client_token"] = .string(token)
            }
            for (index, name) in binding.pathParameters.enumerated() {
                let raw = try context.parameters.require("p\(index)")
                fields[name] = .string(raw.removingPercentEncoding ?? raw)
            }
            switch binding.body {
            case .none:
                break
            case .parameter(let name):
                bodyParameter = name
                let body = try await self.wire.jsonBody(request) { "The request body is not valid: \($0)." }
                if let body { fields[name] = body }
            case .fields:
                let body = try await self.wire.jsonBody(request) { "The request body is not valid: \($0)." }
                if let body {
                    guard let members = body.object else {
                        throw APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The request body must be a JSON object.")
                    }
                    fields.merge(members) { _, body in body }
                }
            }
            let status = HTTPResponse.Status(code: binding.status)
            context.operation.note(service: operation.service, name: operation.name)
            switch try await self.wire.table.invoke(operation, input: OperationInput(fields), request: self.wire.facts(request, context)) {
            case .void: return RESTDialect.void()
            case .value(let value): return RESTDialect.value(value, status: status)
            case .secret(let secret): return RESTDialect.value(secret, status: status)
            }
        } catch {
            return self.wire.response(RESTDialect.self, for: error) { Self.inputError($0, body: bodyParameter) }
        }
    }

    /// The operation a request means: by method (already filtered), then `action`, then selector.
    private static func select(_ candidates: [Bound], _ request: Request) throws -> (APIOperation, RESTBinding) {
        guard !candidates.isEmpty else { throw WireContext.noOperation(request.method, request.uri.path) }
        let action = request.uri.queryParameters.get("action")
        let query = request.uri.queryParameters
        let matching = candidates.filter { $0.binding.action == action }
        let chosen =
            matching.first { $0.binding.selector.map { query.has(Substring($0)) } ?? false }
            ?? matching.first { $0.binding.selector == nil }
        if let chosen { return (chosen.operation, chosen.binding) }
        throw APIError(
            .operationNotFound, id: "com.vmware.vapi.rest.operationNotFound",
            action.map { "This resource has no action '\($0)'." } ?? "This request needs an action query parameter.",
            args: action.map { [$0] } ?? []
        )
    }

    /// An input field as `/api` reports it: the body parameter is "the request body".
    private static func inputError(_ error: OperationInputError, body: String?) -> APIError {
        switch error {
        case .missing(let name) where name == body:
            APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The request needs a JSON body.")
        case .invalid(let name, let detail) where name == body:
            APIError(.invalidArgument, id: "com.vmware.vapi.rest.badRequest", "The request body is not valid: \(detail).")
        default:
            WireContext.inputError(error)
        }
    }
}
