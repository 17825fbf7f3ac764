//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import Hummingbird

/// The upload endpoint: `PUT` or `POST /cls/data/<token>/<name>`, any content type, no session
/// header — the URL itself is the capability.
struct UploadRoutes: Sendable {
    let responder: RESTResponder

    func register(on router: Router<BasicRequestContext>) {
        router.put("cls/data/:token/:name") { request, context in await self.upload(request, context) }
        router.post("cls/data/:token/:name") { request, context in await self.upload(request, context) }
    }

    /// Streams the body into the session file; 200 when READY, a vAPI error when the file failed.
    private func upload(_ request: Request, _ context: BasicRequestContext) async -> Response {
        await self.responder.respond {
            let token = try context.parameters.require("token")
            let name = try RESTRoutes.pathName(context)
            let info = try await self.responder.services.sessionFiles.upload(token: token, name: name, body: request.body)
            if info.status == .error, let message = info.errorMessage {
                throw APIError(.invalidArgument, messages: [message])
            }
            return UploadReceipt(name: info.name, size: info.bytesTransferred, status: info.status)
        }
    }
}

/// What an upload answers: the file's name, the bytes received and its status.
struct UploadReceipt: Encodable {
    var name: String
    var size: Int64
    var status: TransferStatus
}
