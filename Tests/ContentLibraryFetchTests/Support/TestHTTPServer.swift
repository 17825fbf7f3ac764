//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// What the test server answers for a path.
enum TestRoute: Sendable {
    /// 200 with these bytes, sent in chunks of `chunk` bytes.
    case bytes([UInt8], chunk: Int = 16_384)
    /// A status with a short text body.
    case status(Int)
    /// A redirect to another path or URL.
    case redirect(String)
    /// Headers and the first bytes, then nothing more: the connection stays open and silent.
    case stall(announced: Int, sent: [UInt8])
}

/// An HTTP/1.1 server on 127.0.0.1 (with TLS when given a certificate) answering from a fixed
/// table of routes, for the fetcher's tests; unknown paths are 404.
final class TestHTTPServer: Sendable {
    let channel: any Channel
    let port: Int
    let scheme: String

    /// Starts a server on a free port.
    init(routes: [String: TestRoute], certificate: TestCertificate? = nil) async throws {
        let context = try certificate.map { try NIOSSLContext(configuration: $0.serverConfiguration()) }
        self.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Responder(routes: routes))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.port = self.channel.localAddress!.port!
        self.scheme = certificate == nil ? "http" : "https"
    }

    /// The URL of `path` on this server.
    func url(_ path: String) -> String { "\(self.scheme)://127.0.0.1:\(self.port)\(path)" }

    /// Stops listening.
    func stop() async throws { try await self.channel.close() }
}

/// Answers each request from the route table.
private final class Responder: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let routes: [String: TestRoute]

    init(routes: [String: TestRoute]) { self.routes = routes }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = self.unwrapInboundIn(data) else { return }
        let route = self.routes[head.uri] ?? .status(404)
        var headers = HTTPHeaders()
        switch route {
        case .bytes(let bytes, let chunk):
            headers.add(name: "Content-Length", value: String(bytes.count))
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunk, bytes.count)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes[offset..<end])))), promise: nil)
                offset = end
            }
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        case .status(let code):
            let body = ByteBuffer(string: "status \(code)\n")
            headers.add(name: "Content-Length", value: String(body.readableBytes))
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: code), headers: headers))), promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        case .redirect(let location):
            headers.add(name: "Location", value: location)
            headers.add(name: "Content-Length", value: "0")
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .found, headers: headers))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        case .stall(let announced, let sent):
            headers.add(name: "Content-Length", value: String(announced))
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: sent)))), promise: nil)
        }
    }
}

/// A TCP listener that accepts connections and never answers, for time-outs.
final class SilentListener: Sendable {
    let channel: any Channel
    let port: Int

    init() async throws {
        self.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        self.port = self.channel.localAddress!.port!
    }

    func stop() async throws { try await self.channel.close() }
}
