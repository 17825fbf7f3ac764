//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import Foundation
import Hummingbird
import NIOCore

/// The download endpoint: `GET`/`HEAD /cls/download/<token>/<name>`, the URL `prepare` hands
/// out for a download session's file.
///
/// The token is the authorisation, like an upload URL's. `GET` streams the file from storage
/// (no whole-file buffering); `HEAD` answers its size. Both carry `ETag` (the file's SHA-256 as
/// recorded at upload) and `Accept-Ranges: bytes`; one `Range` is answered 206 with
/// `Content-Range`, a range past the end 416, and `If-Range` is honoured, so an interrupted
/// download resumes where it broke. A dead URL (unknown, session ended) is 404.
struct DownloadRoutes: Sendable {
    let wire: WireContext

    func register(on router: Router<ServerRequestContext>) {
        router.get("cls/download/:token/:name") { request, context in await self.download(request, context, body: true) }
        router.head("cls/download/:token/:name") { request, context in await self.download(request, context, body: false) }
    }

    private func download(_ request: Request, _ context: ServerRequestContext, body: Bool) async -> Response {
        let files = self.wire.services.downloadFiles
        let target: DownloadTarget
        do {
            target = try await files.download(token: try context.parameters.require("token"), name: try UploadRoutes.pathName(context))
        } catch {
            var response = self.wire.error(error)
            if !body { response.body = ResponseBody() }
            return response
        }
        let size = target.file.size
        let etag = "\"" + (target.file.digests[.sha256] ?? "\(target.file.blob)") + "\""
        var headers: HTTPFields = [.acceptRanges: "bytes", .eTag: etag, .contentType: "application/octet-stream"]
        let range: Range<Int64>
        let status: HTTPResponse.Status
        switch ByteRangeRequest(range: request.headers[.range], ifRange: request.headers[.ifRange], size: size, etag: etag) {
        case .whole:
            (range, status) = (0..<size, .ok)
        case .partial(let part):
            (range, status) = (part, .partialContent)
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(size)"
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            headers[.contentLength] = "0"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        headers[.contentLength] = String(range.count)
        guard body else { return Response(status: status, headers: headers) }
        let eventLoop = context.eventLoop
        let metrics = self.wire.services.context.metrics
        return Response(
            status: status, headers: headers,
            body: ResponseBody(contentLength: range.count) { writer in
                try await files.serve(target, range: range) { buffer in
                    let count = buffer.readableBytes
                    try await writer.write(buffer)
                    metrics.served(count)
                    // The writer returns once the chunk is queued for the event loop, before the
                    // loop has handed it to the socket, and it only holds back the next write
                    // when the loop has seen the socket full. Waiting for the loop to reach this
                    // point keeps that back-pressure current: without it, chunks pile up in
                    // front of a busy loop (tens of MiB) and none of the reader's buffers is
                    // free to be used again.
                    try await eventLoop.submit {}.get()
                }
                try await writer.finish(nil)
            }
        )
    }
}
