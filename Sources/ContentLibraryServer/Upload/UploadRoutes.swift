//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import HTTPTypes
import Hummingbird

/// The upload endpoint: `PUT` or `POST /cls/data/<token>/<name>`, any content type, no session
/// header — the URL itself is the capability.
///
/// Uploads resume: `HEAD` answers the bytes the server holds (`Upload-Offset`), and a `PUT` with
/// `Content-Range: bytes N-M/TOTAL` appends from N when N is that offset, else 409 with the
/// current `Upload-Offset`.
struct UploadRoutes: Sendable {
    let wire: WireContext

    func register(on router: Router<ServerRequestContext>) {
        router.put("cls/data/:token/:name") { request, context in await self.upload(request, context) }
        router.post("cls/data/:token/:name") { request, context in await self.upload(request, context) }
        router.head("cls/data/:token/:name") { request, context in await self.offset(request, context) }
    }

    /// Streams the body into the session file; 200 with the bytes held and the status (READY, or
    /// TRANSFERRING after a piece short of the whole), a vAPI error when the file failed.
    private func upload(_ request: Request, _ context: ServerRequestContext) async -> Response {
        do {
            let token = try context.parameters.require("token")
            let name = try Self.pathName(context)
            let piece = try ContentRange.piece(
                contentRange: request.headers[.contentRange], contentLength: request.headers[.contentLength]
            )
            let info = try await self.wire.services.sessionFiles.upload(token: token, name: name, body: request.body, piece: piece)
            if info.status == .error, let message = info.errorMessage {
                throw APIError(.invalidArgument, messages: [message])
            }
            var response = WireContext.json(UploadReceipt(name: info.name, size: info.bytesTransferred, status: info.status), status: .ok)
            response.headers[.uploadOffset] = String(info.bytesTransferred)
            return response
        } catch let conflict as UploadOffsetConflict {
            var response = self.wire.error(conflict.error)
            response.headers[.uploadOffset] = String(conflict.offset)
            return response
        } catch {
            return self.wire.error(error)
        }
    }

    /// `HEAD`: the bytes received so far, as `Upload-Offset` and `Content-Length`, and whether an
    /// upload of the file still runs (`Upload-Active: ?1`, e.g. the server has not yet seen a
    /// dropped connection end), so a client waits instead of sending a body that would be refused.
    private func offset(_ request: Request, _ context: ServerRequestContext) async -> Response {
        do {
            let token = try context.parameters.require("token")
            let name = try Self.pathName(context)
            let (offset, running) = try await self.wire.services.sessionFiles.uploadOffset(token: token, name: name)
            return Response(
                status: .ok, headers: [.uploadOffset: String(offset), .uploadActive: running ? "?1" : "?0", .contentLength: String(offset)]
            )
        } catch {
            var response = self.wire.error(error)
            response.body = ResponseBody()
            return response
        }
    }
}

extension UploadRoutes {
    /// The percent-decoded file name of the upload URL.
    static func pathName(_ context: ServerRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return raw.removingPercentEncoding ?? raw
    }
}

/// What an upload answers: the file's name, the bytes received and its status.
struct UploadReceipt: Encodable {
    var name: String
    var size: Int64
    var status: TransferStatus
}

extension HTTPField.Name {
    /// The bytes of an upload the server holds (the draft IETF resumable-upload header's name).
    static let uploadOffset = HTTPField.Name("Upload-Offset")!
    /// Whether an upload of the file is running now (a structured-field boolean, `?1` or `?0`).
    static let uploadActive = HTTPField.Name("Upload-Active")!
}
