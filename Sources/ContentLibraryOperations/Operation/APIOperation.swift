//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryServices
import Foundation

/// One vAPI operation, declared once for every dialect: its service and name, its input fields,
/// the privilege its service checks, where REST `/api` serves it, and the service call.
///
/// JSON-RPC dispatches on `(service, name)` directly; legacy `/rest` derives its path from the
/// service id (`com.vmware.content.library.item.update_session` →
/// `/rest/com/vmware/content/library/item/update-session`) and its `~action` from the name;
/// REST adds the path template and status in `rest`. Every operation but `session.create`
/// needs a session, and `OperationTable.invoke` authenticates it before the call, so no dialect
/// can serve an operation without the check.
package struct APIOperation: Sendable {
    /// The vAPI service id, e.g. `com.vmware.content.library.item.update_session`.
    package let service: String
    /// The operation id, e.g. `keep_alive`.
    package let name: String
    /// The input fields, in the order the API lists them.
    package let parameters: [ParameterDeclaration]
    /// The privilege the service requires of the caller (it checks it, after the rules that
    /// come first such as "the object exists"); `nil` when any authenticated user may call.
    package let privilege: Privilege?
    /// Where REST `/api` serves it; `nil` when the 8.0.2 REST API has no such operation.
    package let rest: RESTBinding?
    /// The update session (this input parameter) whose snapshot the service reads first, read
    /// with the caller's token (`AuthService.authenticate(token:prefetchingSnapshotOf:)`): one
    /// store round trip for the calls clients poll. `nil` for every other operation.
    let prefetch: Parameter<String>?
    let body: Body

    /// What runs: a login with credentials, or an operation for an authenticated caller.
    enum Body: Sendable {
        case login(@Sendable (RequestFacts) async throws -> OperationResult)
        case authenticated(@Sendable (OperationCall) async throws -> OperationResult)
    }

    /// An operation for an authenticated caller.
    init(
        _ service: String, _ name: String, parameters: [any AnyParameter] = [], privilege: Privilege? = nil, rest: RESTBinding?,
        prefetch: Parameter<String>? = nil, _ call: @escaping @Sendable (OperationCall) async throws -> OperationResult
    ) {
        self.service = service
        self.name = name
        self.parameters = parameters.map(\.declaration)
        self.privilege = privilege
        self.rest = rest
        self.prefetch = prefetch
        self.body = .authenticated(call)
    }

    /// The login operation: it takes credentials instead of a session.
    init(login service: String, _ name: String, rest: RESTBinding?, _ call: @escaping @Sendable (RequestFacts) async throws -> OperationResult) {
        self.service = service
        self.name = name
        self.parameters = []
        self.privilege = nil
        self.rest = rest
        self.prefetch = nil
        self.body = .login(call)
    }

    /// Whether a call needs a valid session token (every operation but the login).
    package var requiresSession: Bool {
        if case .login = self.body { return false }
        return true
    }

    /// `service.name`, as JSON-RPC and logs show it.
    package var qualifiedName: String { self.service + "." + self.name }

    /// The legacy `/rest` resource below `/rest/com/vmware/`: the service id without `com.vmware.`,
    /// dots as slashes and underscores as hyphens (`content/library/item/update-session`).
    package var legacyResource: String {
        String(self.service.dropFirst("com.vmware.".count)).replacingOccurrences(of: ".", with: "/")
            .replacingOccurrences(of: "_", with: "-")
    }

    /// The legacy `~action` name: the operation id with hyphens (`keep-alive`).
    package var legacyAction: String { self.name.replacingOccurrences(of: "_", with: "-") }

    /// The parameter legacy `/rest` fills from the `id:` path segment.
    package var identifier: ParameterDeclaration? { self.parameters.first(where: \.isIdentifier) }
}

/// A typed parameter seen without its type, so one operation can list parameters of many types.
package protocol AnyParameter: Sendable {
    /// The declaration the table keeps.
    var declaration: ParameterDeclaration { get }
}

extension Parameter: AnyParameter {}
