//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices

extension OperationTable {
    static let updateSessionID = Parameter<String>.identifier("update_session_id")
    private static let sessionCreateSpec = Parameter<UpdateSessionModel>.required("create_spec")
    private static let sessionUpdateSpec = Parameter<UpdateSessionModel>.required("update_spec")
    private static let sessionsOfItem = Parameter<String>.optional("library_item_id")
    private static let clientProgress = Parameter<Int64>.optional("client_progress")
    private static let clientErrorMessage = Parameter<String>.optional("client_error_message")

    /// `com.vmware.content.library.item.update_session`: the life cycle of an update session.
    static func updateSessions(_ services: Services) -> [APIOperation] {
        let sessions = services.updateSessions
        let service = "com.vmware.content.library.item.update_session"
        let collection = "content/library/item/update-session"
        let path = collection + "/{update_session_id}"
        let id = Self.updateSessionID
        return [
            APIOperation(
                service, "create", parameters: [Self.clientToken, Self.sessionCreateSpec], privilege: .updateSession,
                rest: .post(collection, status: 201, body: .parameter("create_spec"))
            ) { call in
                .value(try await sessions.create(try call[Self.sessionCreateSpec], clientToken: try call[optional: Self.clientToken], caller: call.caller))
            },
            APIOperation(service, "get", parameters: [id], rest: .get(path), prefetch: id) { call in
                .value(try await sessions.get(try call[id], caller: call.caller))
            },
            APIOperation(service, "list", parameters: [Self.sessionsOfItem], rest: .get(collection)) { call in
                .value(try await sessions.list(itemID: try call[optional: Self.sessionsOfItem], caller: call.caller))
            },
            APIOperation(service, "update", parameters: [id, Self.sessionUpdateSpec], rest: .patch(path, body: "update_spec")) { call in
                try await sessions.update(try call[id], try call[Self.sessionUpdateSpec], caller: call.caller)
                return .void
            },
            APIOperation(service, "delete", parameters: [id], rest: .delete(path)) { call in
                try await sessions.delete(try call[id], caller: call.caller)
                return .void
            },
            APIOperation(service, "complete", parameters: [id], rest: .post(path, action: "complete", status: 204)) { call in
                try await sessions.complete(try call[id], caller: call.caller)
                return .void
            },
            APIOperation(
                service, "keep_alive", parameters: [id, Self.clientProgress], rest: .post(path, action: "keep-alive", status: 204, body: .fields)
            ) { call in
                try await sessions.keepAlive(try call[id], clientProgress: try call[optional: Self.clientProgress], caller: call.caller)
                return .void
            },
            APIOperation(service, "cancel", parameters: [id], rest: .post(path, action: "cancel", status: 204)) { call in
                try await sessions.cancel(try call[id], caller: call.caller)
                return .void
            },
            APIOperation(
                service, "fail", parameters: [id, Self.clientErrorMessage], rest: .post(path, action: "fail", status: 204, body: .fields)
            ) { call in
                let message = try call[optional: Self.clientErrorMessage] ?? "The client failed the update session."
                try await sessions.fail(try call[id], message: message, caller: call.caller)
                return .void
            },
        ]
    }
}
