//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryOperations
import HTTPTypes
import Hummingbird

/// The legacy `/rest/com/vmware/...` dialect that govc, govmomi and older scripts speak: a codec
/// over the operation table. The resource and `~action` name the operation (each operation's
/// legacy path is derived from its service id), the wrapped parameters are its input, and the
/// answer has `LegacyDialect`'s shape.
struct LegacyRoutes: Sendable {
    let wire: WireContext
    private let byResource: [String: [String: APIOperation]]

    init(wire: WireContext) {
        self.wire = wire
        self.byResource = Dictionary(grouping: wire.table.operations, by: \.legacyResource).mapValues { operations in
            Dictionary(operations.map { ($0.legacyAction, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Serves every method under `/rest/`; unknown operations answer `OperationNotFound`.
    func register(on router: Router<ServerRequestContext>) {
        for method in [HTTPRequest.Method.get, .post, .patch, .delete, .put] {
            router.on("rest/**", method: method) { request, context in await self.handle(request, context) }
        }
    }

    /// Parses, performs and answers one legacy request; every failure becomes a legacy error body.
    private func handle(_ request: Request, _ context: ServerRequestContext) async -> Response {
        do {
            let call = try await LegacyCall(request, wire: self.wire)
            guard let operation = self.byResource[call.resource]?[call.action] else { throw call.operationNotFound() }
            context.operation.note(service: operation.service, name: operation.name)
            switch try await self.wire.table.invoke(operation, input: call.input(for: operation), request: self.wire.facts(request, context)) {
            case .value(let value):
                return LegacyDialect.value(value, status: .ok)
            case .void:
                return LegacyDialect.void()
            case .secret(let token):
                var response = LegacyDialect.value(token, status: .ok)
                // Older scripts keep the cookie; govc asks for header authentication instead.
                if request.headers[HTTPField.Name("vmware-use-header-authn")!]?.lowercased() != "true" {
                    response.headers[.setCookie] = "vmware-api-session-id=\(token); Path=/rest; HttpOnly"
                }
                return response
            }
        } catch {
            return self.wire.response(LegacyDialect.self, for: error)
        }
    }
}
