//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices

/// Every vAPI operation the server serves, declared once; the only place an operation exists.
///
/// Each dialect is a codec over this table: it decodes a request into `(service, operation,
/// input)`, calls `invoke`, and encodes the result or the error. A new operation is one entry in
/// the file of its service (`OperationTable+<Service>.swift`) and is then served by JSON-RPC,
/// legacy `/rest` and, when it has a `rest` binding, REST `/api`.
package struct OperationTable: Sendable {
    /// Every operation, in declaration order.
    package let operations: [APIOperation]
    private let byName: [String: [String: APIOperation]]
    private let auth: AuthService

    /// Builds the table over the services.
    package init(services: Services) {
        self.operations = Self.session(services) + Self.libraries(services) + Self.securityPolicies(services) + Self.types(services) + Self.items(services)
            + Self.updateSessions(services) + Self.sessionFiles(services) + Self.downloadSessions(services) + Self.downloadFiles(services)
        self.byName = Dictionary(grouping: self.operations, by: \.service).mapValues { operations in
            Dictionary(operations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
        self.auth = services.auth
    }

    /// The operation `name` of `service`, if the server has it.
    package func operation(service: String, name: String) -> APIOperation? {
        self.byName[service]?[name]
    }

    /// Whether the server has any operation of `service`.
    package func hasService(_ service: String) -> Bool {
        self.byName[service] != nil
    }

    /// Runs an operation: authenticates the session first (every operation but the login), then
    /// calls its service. An operation that declares a `prefetch` has its session snapshot read
    /// with the token, in the same store read.
    /// - Throws: `APIError` from authentication or the service, `OperationInputError` for an
    ///   input field that is missing or does not decode.
    package func invoke(_ operation: APIOperation, input: OperationInput, request: RequestFacts) async throws -> OperationResult {
        switch operation.body {
        case .login(let login):
            return try await login(request)
        case .authenticated(let call):
            // A malformed id is not read ahead: the call reports it as it reports any input.
            let sessionID = operation.prefetch.flatMap { try? input.value($0) }
            let caller = try await self.auth.authenticate(token: request.sessionToken, prefetchingSnapshotOf: sessionID)
            return try await call(
                OperationCall(caller: caller, input: input, request: request, declared: Set(operation.parameters.map(\.name)))
            )
        }
    }
}
