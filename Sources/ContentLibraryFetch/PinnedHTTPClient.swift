//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// HTTP/1.1 GET over SwiftNIO with the server certificate judged by one callback instead of the
/// usual chain, expiry and host-name checks.
///
/// AsyncHTTPClient 1.37 offers no per-connection certificate callback (its TLS handler is built
/// inside its connection pool), so the two cases that need one use this client: a PULL with a
/// pinned certificate ("only accepted if it matches, and no other certificate validation is
/// performed") and a probe that reports the thumbprint of a certificate ordinary verification
/// rejected. Each hop is a fresh connection (`Connection: close`), so the certificate judged is
/// the one of the connection that carries the bytes. Redirects are followed with the same limit
/// and loop detection as the AsyncHTTPClient path.
struct PinnedHTTPClient: Sendable {
    /// Decides whether the DER leaf certificate a server presented is accepted.
    typealias Judge = @Sendable (_ leaf: [UInt8]) -> Bool

    let configuration: FetchConfiguration
    /// Accepts or rejects the certificate of every https hop.
    let judge: Judge
    /// Describes a rejected certificate for the error message, from its DER bytes.
    let rejection: @Sendable (_ leaf: [UInt8], _ url: String) -> SourceFetchError

    /// The leaf certificate of the last TLS handshake, for probes.
    let presented = PresentedCertificate()
    /// Set when the read time-out closed a connection, whatever error the close then caused.
    private let timedOut = ReadTimeoutHandler.Flag()

    /// GETs `url`, following redirects, and hands the 2xx response to `consume`.
    func get<Result: Sendable>(_ url: URL, consume: (SourceResponse) async throws -> Result) async throws -> Result {
        var current = url
        var visited: Set<String> = [url.absoluteString]
        for _ in 0...self.configuration.maxRedirects {
            switch try await self.hop(current, consume: consume) {
            case .done(let result):
                return result
            case .redirect(let next):
                guard !(current.scheme == "https" && next.scheme == "http") else {
                    throw SourceFetchError(
                        .redirects, "\(current.absoluteString) redirects to \(next.absoluteString), which drops TLS and so the pinned certificate; refused."
                    )
                }
                guard visited.insert(next.absoluteString).inserted else {
                    throw SourceFetchError(.redirects, "\(url.absoluteString) redirects in a loop.")
                }
                current = next
            }
        }
        throw SourceFetchError(.redirects, "\(url.absoluteString) redirects more than \(self.configuration.maxRedirects) times.")
    }

    private enum Hop<Result> {
        case done(Result)
        case redirect(URL)
    }

    /// One request on one connection.
    private func hop<Result: Sendable>(_ url: URL, consume: (SourceResponse) async throws -> Result) async throws -> Hop<Result> {
        let text = url.absoluteString
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw SourceFetchError(.connection, "\(text) is not an http or https URL.")
        }
        let tls = scheme == "https"
        let port = url.port ?? (tls ? 443 : 80)
        self.presented.set(nil)
        let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
        do {
            channel = try await self.connect(host: host, port: port, tls: tls)
        } catch {
            throw self.failure(error, url: text)
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
                components?.scheme = nil
                components?.host = nil
                components?.port = nil
                components?.user = nil
                components?.password = nil
                components?.fragment = nil
                var target = components?.string ?? "/"
                if target.isEmpty { target = "/" }
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: url.port.map { "\(host):\($0)" } ?? host)
                headers.add(name: "User-Agent", value: "content-library")
                headers.add(name: "Accept", value: "*/*")
                headers.add(name: "Connection", value: "close")
                try await outbound.write(.head(HTTPRequestHead(version: .http1_1, method: .GET, uri: target, headers: headers)))
                try await outbound.write(.end(nil))
                var iterator = inbound.makeAsyncIterator()
                var head: HTTPResponseHead?
                while head == nil {
                    switch try await iterator.next() {
                    case .head(let received) where received.status.code >= 200: head = received
                    case .head: continue  // 1xx
                    case .body, .end: throw SourceFetchError(.connection, "\(text) sent a body before its status line.")
                    case nil: throw SourceFetchError(.connection, "\(text) closed the connection without answering.")
                    }
                }
                let response = head!
                if [301, 302, 303, 307, 308].contains(response.status.code) {
                    guard let location = response.headers.first(name: "Location"), let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                        throw SourceFetchError(.redirects, "\(text) answered HTTP \(response.status.code) without a usable Location.")
                    }
                    return .redirect(next)
                }
                guard (200..<300).contains(response.status.code) else {
                    throw FetchFailure.status(response.status, url: text)
                }
                let length = response.headers.first(name: "Content-Length").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
                let body = ResponseBody(iterator: iterator, url: text)
                return .done(try await consume(SourceResponse(expectedLength: length, body: SourceBytes(body))))
            }
        } catch {
            throw self.failure(error, url: text)
        }
    }

    /// Connects, with TLS judged by `judge` for https, and the HTTP/1.1 codec.
    private func connect(host: String, port: Int, tls: Bool) async throws -> NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart> {
        let judge = self.judge
        let presented = self.presented
        let timedOut = self.timedOut
        let readTimeout = self.configuration.readTimeout
        let context: NIOSSLContext? = tls ? try Self.sslContext() : nil
        // SNI takes host names only, never an address literal.
        let sni = (try? SocketAddress(ipAddress: host, port: 0)) == nil && !host.contains(":") ? host : nil
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(self.configuration.connectTimeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: sni) { certificates, promise in
                            let leaf = certificates.first.flatMap { try? $0.toDERBytes() }
                            presented.set(leaf)
                            promise.succeed(leaf.map(judge) == true ? .certificateVerified : .failed)
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: readTimeout))
                    try channel.pipeline.syncOperations.addHandler(ReadTimeoutHandler(flag: timedOut))
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// A rejected certificate as the caller describes it; anything else as `FetchFailure` maps it.
    private func failure(_ error: any Error, url: String) -> any Error {
        if error is SourceFetchError || error is CancellationError { return error }
        // A refused certificate closes the connection during the handshake; what the caller
        // sees first may be that, or the request write failing on the closed channel.
        if let leaf = self.presented.get(), !self.judge(leaf) {
            return self.rejection(leaf, url)
        }
        if error is ReadTimeoutHandler.TimedOut || self.timedOut.isSet {
            return SourceFetchError(.timedOut, "\(url) sent no data for \(FetchFailure.seconds(self.configuration.readTimeout)).")
        }
        return FetchFailure.map(error, url: url, configuration: self.configuration)
    }

    /// One TLS context for every pinned connection: verification is on only so that NIOSSL calls
    /// the per-connection callback, which replaces it entirely.
    private static func sslContext() throws -> NIOSSLContext {
        try Self.context.withLock { cached in
            if let cached { return cached }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates([])
            configuration.applicationProtocols = ["http/1.1"]
            // Closing after a time-out or a cancel must not wait 5 s for a silent peer's close_notify.
            configuration.shutdownTimeout = .seconds(1)
            let context = try NIOSSLContext(configuration: configuration)
            cached = context
            return context
        }
    }

    private static let context = Mutex<NIOSSLContext?>(nil)
}

/// The leaf certificate a server presented in the last handshake of a `PinnedHTTPClient`.
final class PresentedCertificate: Sendable {
    private let leaf = Mutex<[UInt8]?>(nil)

    /// Records a leaf.
    func set(_ der: [UInt8]?) { self.leaf.withLock { $0 = der } }

    /// The last leaf recorded.
    func get() -> [UInt8]? { self.leaf.withLock { $0 } }
}

/// The body parts of an HTTP/1.1 response as buffers, ending at `.end`; an early close is an error.
private struct ResponseBody: AsyncSequence {
    typealias Element = ByteBuffer
    var iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    let url: String

    func makeAsyncIterator() -> Iterator { Iterator(base: self.iterator, url: self.url) }

    struct Iterator: AsyncIteratorProtocol {
        var base: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
        let url: String
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            while !self.finished {
                switch try await self.base.next() {
                case .body(let buffer): return buffer
                case .end: self.finished = true
                case .head: throw SourceFetchError(.connection, "\(self.url) sent a second response head.")
                case nil:
                    try Task.checkCancellation()
                    throw SourceFetchError(.connection, "\(self.url) closed the connection before the whole file was sent.")
                }
            }
            return nil
        }
    }
}

/// Turns NIO's read-idle event into an error that ends the response stream.
private final class ReadTimeoutHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = HTTPClientResponsePart

    struct TimedOut: Error {}

    /// Remembers that a time-out closed the connection: the error the caller sees may be the
    /// write or read on the closed channel rather than `TimedOut` itself.
    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { self.value.withLock { $0 } }
        func set() { self.value.withLock { $0 = true } }
    }

    let flag: Flag

    init(flag: Flag) { self.flag = flag }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? IdleStateHandler.IdleStateEvent, event == .read {
            self.flag.set()
            context.fireErrorCaught(TimedOut())
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }
}
