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
    private static let downloadSessionID = Parameter<String>.identifier("download_session_id")
    private static let downloadCreateSpec = Parameter<DownloadSessionModel>.required("create_spec")
    private static let downloadsOfItem = Parameter<String>.optional("library_item_id")
    private static let downloadProgress = Parameter<Int64>.optional("progress")
    private static let downloadErrorMessage = Parameter<String>.optional("client_error_message")
    private static let downloadFileName = Parameter<String>.required("file_name")
    private static let endpointType = Parameter<DownloadEndpointType>.optional("endpoint_type")

    /// `com.vmware.content.library.item.download_session`: the life cycle of a download session.
    static func downloadSessions(_ services: Services) -> [APIOperation] {
        let sessions = services.downloadSessions
        let service = "com.vmware.content.library.item.download_session"
        let collection = "content/library/item/download-session"
        let path = collection + "/{download_session_id}"
        let id = Self.downloadSessionID
        return [
            APIOperation(
                service, "create", parameters: [Self.clientToken, Self.downloadCreateSpec], privilege: .downloadSession,
                rest: .post(collection, status: 201, body: .parameter("create_spec"))
            ) { call in
                .value(try await sessions.create(try call[Self.downloadCreateSpec], clientToken: try call[optional: Self.clientToken], caller: call.caller))
            },
            APIOperation(service, "get", parameters: [id], rest: .get(path)) { call in
                .value(try await sessions.get(try call[id], caller: call.caller))
            },
            APIOperation(service, "list", parameters: [Self.downloadsOfItem], rest: .get(collection)) { call in
                .value(try await sessions.list(itemID: try call[optional: Self.downloadsOfItem], caller: call.caller))
            },
            APIOperation(service, "delete", parameters: [id], rest: .delete(path)) { call in
                try await sessions.delete(try call[id], caller: call.caller)
                return .void
            },
            APIOperation(
                service, "keep_alive", parameters: [id, Self.downloadProgress], rest: .post(path, action: "keep-alive", status: 204, body: .fields)
            ) { call in
                try await sessions.keepAlive(try call[id], progress: try call[optional: Self.downloadProgress], caller: call.caller)
                return .void
            },
            APIOperation(service, "cancel", parameters: [id], rest: .post(path, action: "cancel", status: 204)) { call in
                try await sessions.cancel(try call[id], caller: call.caller)
                return .void
            },
            APIOperation(
                service, "fail", parameters: [id, Self.downloadErrorMessage], rest: .post(path, action: "fail", status: 204, body: .fields)
            ) { call in
                let message = try call[optional: Self.downloadErrorMessage] ?? "The client failed the download session."
                try await sessions.fail(try call[id], message: message, caller: call.caller)
                return .void
            },
        ]
    }

    /// `com.vmware.content.library.item.downloadsession.file`: the files of a download session.
    static func downloadFiles(_ services: Services) -> [APIOperation] {
        let files = services.downloadFiles
        let service = "com.vmware.content.library.item.downloadsession.file"
        let path = "content/library/item/download-session/{download_session_id}/file"
        let id = Self.downloadSessionID
        let name = Self.downloadFileName
        return [
            APIOperation(service, "list", parameters: [id], rest: .get(path)) { call in
                .value(try await files.list(sessionID: try call[id], downloadBase: call.request.uploadBase, caller: call.caller))
            },
            APIOperation(service, "get", parameters: [id, name], rest: .get(path, selector: "file_name")) { call in
                .value(try await files.get(sessionID: try call[id], name: try call[name], downloadBase: call.request.uploadBase, caller: call.caller))
            },
            APIOperation(
                service, "prepare", parameters: [id, name, Self.endpointType], rest: .post(path, action: "prepare", status: 200, body: .fields)
            ) { call in
                .value(
                    try await files.prepare(
                        sessionID: try call[id], name: try call[name], endpointType: try call[optional: Self.endpointType],
                        downloadBase: call.request.uploadBase, caller: call.caller
                    )
                )
            },
        ]
    }
}
