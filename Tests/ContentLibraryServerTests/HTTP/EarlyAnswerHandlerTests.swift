//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import ContentLibraryServer

/// What happens to a body the server answered before reading it: drained and dropped, then the
/// connection kept or closed, within a byte bound and a time bound. The raw-socket conformance
/// tests (test_early_answers.py) show the client's side; these drive the handler's clock.
@Suite struct EarlyAnswerHandlerTests {
    /// A connected channel with the handler, bounded at 100 bytes and 5 seconds.
    static func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: EarlyAnswerHandler(drainLimit: 100, drainTime: .seconds(5)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    static func head(close: Bool) -> HTTPRequestPart {
        var fields: HTTPFields = [.contentLength: "1000"]
        if close { fields[.connection] = "close" }
        return .head(HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/api/content/local-library", headerFields: fields))
    }

    static func body(_ count: Int) -> HTTPRequestPart {
        .body(ByteBuffer(repeating: 0x78, count: count))
    }

    /// The server answers (401, 413, …) while the body is still arriving.
    static func answerEarly(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .unauthorized)))
        try channel.writeOutbound(HTTPResponsePart.end(nil))
    }

    @Test func aBodyAnsweredEarlyIsDroppedAndAConnectionCloseRequestClosedAtItsEnd() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.head(close: true))
        try channel.writeInbound(Self.body(10))
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        try Self.answerEarly(channel)
        try channel.writeInbound(Self.body(40))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == nil, "a drained part reached the application")
        #expect(channel.isActive)
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(!channel.isActive, "the connection stayed open after the body of a Connection: close request")
    }

    @Test func aKeptAliveConnectionGetsTheEndOfTheDrainedBodyAndStaysOpen() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.head(close: false))
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        try Self.answerEarly(channel)
        try channel.writeInbound(Self.body(40))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        #expect(channel.isActive)
        // The next request passes through untouched.
        try channel.writeInbound(Self.head(close: false))
        try channel.writeInbound(Self.body(40))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) != nil)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.body(40))
        _ = try channel.finish()
    }

    @Test func aBodyPastTheDrainLimitHasItsConnectionClosed() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.head(close: false))
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        try Self.answerEarly(channel)
        try channel.writeInbound(Self.body(60))
        #expect(channel.isActive)
        try channel.writeInbound(Self.body(60))
        #expect(!channel.isActive, "120 bytes were drained past the limit of 100")
    }

    @Test func aBodyThatStallsAfterAnEarlyAnswerHasItsConnectionClosedAtTheDrainTime() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.head(close: false))
        _ = try channel.readInbound(as: HTTPRequestPart.self)
        try Self.answerEarly(channel)
        try channel.writeInbound(Self.body(10))
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        #expect(channel.isActive, "closed before the drain time")
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive, "a stalled body held its connection past the drain time")
    }

    @Test func aBodyReadBeforeTheAnswerIsNotDrainedAndTheTimerNeverFires() throws {
        let channel = try Self.channel()
        try channel.writeInbound(Self.head(close: false))
        try channel.writeInbound(Self.body(40))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) != nil)
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == Self.body(40))
        #expect(try channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
        try Self.answerEarly(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}
