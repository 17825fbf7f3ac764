//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Finishes a request the server answered before reading all of its body: a missing token, a
/// body over the limit, an unknown upload URL.
///
/// Many clients write their whole body before they read the answer. Hummingbird stops reading
/// once it has answered a `Connection: close` request, so such a client blocked in its send until
/// its own time-out. This handler sees the answer's end go out while the body is still arriving,
/// then reads and discards the rest of the body itself (below Hummingbird's back-pressure), up to
/// `drainLimit` bytes and `drainTime`: the client's send completes and it reads the answer. A
/// `Connection: close` request is closed once its body has ended; a body past either bound has
/// its connection closed at once.
final class EarlyAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Bytes of an unread body discarded after an early answer before the connection is closed instead.
    let drainLimit: Int
    /// How long an early-answered body may take to end before the connection is closed.
    let drainTime: TimeAmount

    /// Whether the current request's body has ended.
    private var bodyEnded = true
    /// Whether the client asked to close after this request.
    private var closeAfter = false
    /// Whether the answer went out before the body ended: the rest is read here and dropped.
    private var draining = false
    private var discarded = 0
    private var deadline: Scheduled<Void>?

    init(drainLimit: Int = 32 << 20, drainTime: TimeAmount = .seconds(30)) {
        self.drainLimit = drainLimit
        self.drainTime = drainTime
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = self.unwrapInboundIn(data)
        switch part {
        case .head(let head):
            self.bodyEnded = false
            self.closeAfter = head.headerFields[.connection].map { $0.lowercased().contains("close") } ?? false
            context.fireChannelRead(data)
        case .body(let buffer):
            guard self.draining else { return context.fireChannelRead(data) }
            self.discarded += buffer.readableBytes
            if self.discarded > self.drainLimit { self.stopDraining(context, close: true) }
        case .end:
            self.bodyEnded = true
            guard self.draining else { return context.fireChannelRead(data) }
            if self.closeAfter {
                self.stopDraining(context, close: true)
            } else {
                self.stopDraining(context, close: false)
                context.fireChannelRead(data)
            }
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.fireChannelReadComplete()
        // Keep reading while draining, whatever the handlers above want: nobody reads the body.
        if self.draining { context.read() }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = self.unwrapOutboundIn(data), !self.bodyEnded, !self.draining {
            self.draining = true
            self.discarded = 0
            self.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: self.drainTime) { [context] in
                self.stopDraining(context, close: true)
            }
            context.read()
        }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.deadline?.cancel()
    }

    private func stopDraining(_ context: ChannelHandlerContext, close: Bool) {
        self.draining = false
        self.deadline?.cancel()
        self.deadline = nil
        if close { context.close(promise: nil) }
    }
}
