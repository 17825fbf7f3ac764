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
    private static let fileSpec = Parameter<SessionFileAddSpec>.required("file_spec")
    private static let sessionFileName = Parameter<String>.required("file_name")
    private static let sourceEndpoint = Parameter<TransferEndpoint>.required("source_endpoint")

    /// `com.vmware.content.library.item.updatesession.file`: the files of an update session.
    static func sessionFiles(_ services: Services) -> [APIOperation] {
        let files = services.sessionFiles
        let service = "com.vmware.content.library.item.updatesession.file"
        let path = "content/library/item/update-session/{update_session_id}/file"
        let id = Self.updateSessionID
        return [
            APIOperation(service, "add", parameters: [id, Self.fileSpec], rest: .post(path, status: 201, body: .parameter("file_spec"))) { call in
                .value(try await files.add(sessionID: try call[id], try call[Self.fileSpec], uploadBase: call.request.uploadBase, caller: call.caller))
            },
            APIOperation(service, "get", parameters: [id, Self.sessionFileName], rest: .get(path + "/{file_name}"), prefetch: id) { call in
                .value(
                    try await files.get(
                        sessionID: try call[id], name: try call[Self.sessionFileName], uploadBase: call.request.uploadBase, caller: call.caller
                    )
                )
            },
            APIOperation(service, "list", parameters: [id], rest: .get(path), prefetch: id) { call in
                .value(try await files.list(sessionID: try call[id], uploadBase: call.request.uploadBase, caller: call.caller))
            },
            APIOperation(
                service, "remove", parameters: [id, Self.sessionFileName],
                rest: .delete(path + "/{file_name}")
            ) { call in
                try await files.remove(sessionID: try call[id], name: try call[Self.sessionFileName], caller: call.caller)
                return .void
            },
            APIOperation(service, "validate", parameters: [id], rest: .post(path, action: "validate", status: 200)) { call in
                .value(try await files.validate(sessionID: try call[id], caller: call.caller))
            },
            // Not in the 8.0.2 REST API; govc calls it over legacy /rest before a PULL.
            APIOperation(service, "probe", parameters: [Self.sourceEndpoint], rest: nil) { call in
                .value(try await files.probe(try call[Self.sourceEndpoint], caller: call.caller))
            },
        ]
    }
}
