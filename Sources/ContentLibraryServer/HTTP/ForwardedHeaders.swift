//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import Hummingbird

/// What a reverse proxy in front of the server says about the client: `X-Forwarded-Proto` and
/// `X-Forwarded-Host` (the scheme and host the client used, for the upload and download URLs the
/// server hands out) and `X-Forwarded-For` (the client's address, for the login throttle).
///
/// Read only when `trusted` (`serve --trust-forwarded-headers`): any client can send these
/// headers, so a server clients reach directly must not believe them (a client could then take a
/// lock-out off its own address or put another's on, and make the URLs of its answers point
/// elsewhere). Behind a proxy that sets them (deploy/nginx.conf), they are the proxy's word.
struct ForwardedHeaders: Sendable {
    let trusted: Bool

    static let proto = HTTPField.Name("X-Forwarded-Proto")!
    static let host = HTTPField.Name("X-Forwarded-Host")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The base of the URLs handed to the client, `scheme://host[:port]`: the forwarded scheme and
    /// host when trusted and well formed, else `scheme` and the request's own `Host`.
    func base(of request: Request, scheme: String) -> String {
        var scheme = scheme
        var host = request.head.authority ?? "localhost"
        if self.trusted {
            if let proto = Self.first(request.headers[Self.proto])?.lowercased(), proto == "http" || proto == "https" { scheme = proto }
            if let forwarded = Self.first(request.headers[Self.host]), Self.isAuthority(forwarded) { host = forwarded }
        }
        return scheme + "://" + host
    }

    /// The client's address: the last `X-Forwarded-For` entry when trusted (the address the proxy
    /// itself saw; entries before it were written by whoever sent the request, and prove
    /// nothing), else the connection's peer.
    func clientAddress(_ request: Request, _ context: ServerRequestContext) -> String? {
        if self.trusted, let list = request.headers[Self.forwardedFor],
            let last = list.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            !last.isEmpty, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" })
        {
            return last
        }
        return context.clientAddress
    }

    /// The first of a comma-separated header's values (proxies in a chain append theirs), trimmed.
    private static func first(_ value: String?) -> String? {
        guard let value, let first = value.split(separator: ",").first else { return nil }
        let trimmed = first.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether `text` is a bare `host[:port]` (a name, an IPv4 address or a bracketed IPv6 one):
    /// nothing that could add a path, user information or another URL to the base.
    private static func isAuthority(_ text: String) -> Bool {
        text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) }
    }
}
