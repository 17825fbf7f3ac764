//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibrarySOAP
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The vim25 SOAP endpoint at `/sdk`, for govc and other vSphere Web Services clients: reads the
/// body (bounded by `maxBody`) and the `vmware_soap_session` cookie, hands them to
/// `SOAPEndpoint`, and answers `text/xml` — 200 for a result, 500 with a SOAP `Fault` for any
/// failure, as SOAP 1.1 and vCenter do. No request is answered with a bare 404 or error page.
struct SOAPRoutes: Sendable {
    let endpoint: SOAPEndpoint
    let maxBody: Int
    /// Whether the server speaks TLS: the cookie is then marked `Secure`.
    let secure: Bool
    /// Where the client's address comes from (a trusted proxy's `X-Forwarded-For`, else the peer).
    let forwarded: ForwardedHeaders

    /// The cookie that carries the SOAP session token.
    static let cookieName = "vmware_soap_session"

    func register(on router: Router<ServerRequestContext>) {
        router.post("sdk") { request, context in
            await self.invoke(request, context)
        }
        router.get("sdk") { _, _ in
            Self.response(SOAPEndpoint.fault(.notSupported("/sdk takes SOAP 1.1 requests by POST.")))
        }
    }

    func invoke(_ request: Request, _ context: ServerRequestContext) async -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: self.maxBody)
        } catch {
            return Self.response(SOAPEndpoint.fault(.invalidRequest("The request body is larger than \(self.maxBody) bytes or was cut short.")))
        }
        let reply = await self.endpoint.handle(
            SOAPEndpoint.Request(
                body: Array(body.readableBytesView), sessionToken: Self.sessionToken(request), clientAddress: self.forwarded.clientAddress(request, context),
                userAgent: request.headers[.userAgent]
            )
        )
        var response = Self.response(reply)
        if let cookie = reply.sessionCookie {
            let attributes = "; Path=/; HttpOnly" + (self.secure ? "; Secure" : "")
            response.headers[.setCookie] =
                cookie.isEmpty ? "\(Self.cookieName)=\(attributes); Max-Age=0" : "\(Self.cookieName)=\(cookie)\(attributes)"
        }
        return response
    }

    /// The token of the `vmware_soap_session` cookie (quotes removed).
    static func sessionToken(_ request: Request) -> String? {
        WireContext.cookie(Self.cookieName, in: request)
    }

    private static func response(_ reply: SOAPEndpoint.Reply) -> Response {
        Response(
            status: reply.isFault ? .internalServerError : .ok, headers: [.contentType: "text/xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body))
        )
    }
}
