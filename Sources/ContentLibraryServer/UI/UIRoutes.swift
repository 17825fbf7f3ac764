//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The browser UI: `GET /` redirects to `/ui/`, which serves the page; its scripts and style
/// sheet are under `/ui/v/<version>/` (`UIAssetTable` explains the caching scheme).
///
/// The UI is a client of the public REST dialect like any script: it has no endpoint of its own
/// beyond these static files, which need no login. Every answer carries a strict
/// `Content-Security-Policy` (no inline script or style, nothing from another origin) and
/// `X-Content-Type-Options: nosniff`.
struct UIRoutes: Sendable {
    /// The files served.
    let table: UIAssetTable

    /// The policy of every UI answer: scripts, styles, images and connections from this origin
    /// only, no plug-ins, no framing, no `<base>`, forms post only here.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

    /// Routes over `table`; the files compiled into this binary unless a test gives others.
    init(table: UIAssetTable = .compiled) {
        self.table = table
    }

    /// Adds `GET /`, `GET /ui`, `GET /ui/index.html` and `GET /ui/v/<version>/<path>` to `router`.
    func register(on router: Router<ServerRequestContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/ui/", type: .found) }
        router.get("ui") { request, _ in self.answer(self.table.index, request, immutable: false) }
        router.get("ui/index.html") { request, _ in self.answer(self.table.index, request, immutable: false) }
        router.get("ui/v/:version/**") { request, context in
            let path = context.parameters.getCatchAll().joined(separator: "/")
            guard context.parameters.get("version") == self.table.version, let asset = self.table.assets[path] else {
                return self.notFound()
            }
            return self.answer(asset, request, immutable: true)
        }
    }

    /// The asset, or `304 Not Modified` when the request's `If-None-Match` names its `ETag`.
    func answer(_ asset: UIAsset, _ request: Request, immutable: Bool) -> Response {
        let etag = "\"\(asset.sha256)\""
        var headers = Self.securityHeaders
        headers[.eTag] = etag
        headers[.cacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache"
        if let match = request.headers[.ifNoneMatch], Self.matches(match, etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        headers[.contentLength] = String(asset.bytes.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// A plain 404 for a UI path that names no file (or an old version), with the same headers.
    func notFound() -> Response {
        var headers = Self.securityHeaders
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .notFound, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "Not found\n")))
    }

    /// The headers every UI answer carries.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: contentSecurityPolicy,
        .xContentTypeOptions: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    /// Whether an `If-None-Match` value (a list of entity tags, or `*`) names `etag`; weak tags
    /// compare by their opaque part, as RFC 9110 asks for this header.
    static func matches(_ header: String, _ etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let tag = candidate.trimmingCharacters(in: .whitespaces)
            return tag == "*" || tag == etag || tag == "W/" + etag
        }
    }
}
