//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import AsyncHTTPClient
public import NIOCore
import Foundation
public import NIOHTTP1
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one HTTP client of an import: API calls and uploads share its connection pool.
///
/// It turns every failure to talk to the server into `ClientError.unreachable`, so callers tell
/// "the server said no" (a status) from "the server could not be asked" (a thrown error), which
/// is what decides between reporting an error and retrying an upload.
public final class HTTPTransport: Sendable {
    /// A whole answer: status, headers and the collected body.
    public struct Reply: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// The response headers.
        public var headers: HTTPHeaders
        /// The body bytes (answers of this API are small; upload bodies are only sent).
        public var body: [UInt8]

        /// The body as text, for messages.
        public var text: String { String(decoding: self.body, as: UTF8.self) }
    }

    /// The largest answer body collected; the API's answers are a few KiB.
    static let maxReplyBytes = 16 << 20

    private let client: HTTPClient

    /// Creates a transport.
    /// - Parameters:
    ///   - connectTimeout: how long to wait for a TCP connection.
    ///   - readTimeout: how long to wait for the server between bytes of an answer; finishing a
    ///     large upload (flushing it to storage) can take a while, so it is generous.
    ///   - writeTimeout: how long a request body may stall before the connection is given up
    ///     (a dead peer that never closes), which turns into a retry for uploads.
    public init(connectTimeout: TimeAmount = .seconds(10), readTimeout: TimeAmount = .seconds(300), writeTimeout: TimeAmount = .seconds(120)) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: connectTimeout, read: readTimeout, write: writeTimeout)
        )
        configuration.httpVersion = .http1Only
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the connections; call once, when the import is over.
    public func shutdown() async {
        try? await self.client.shutdown()
    }

    /// Sends a request and collects the answer.
    /// - Parameter deadline: when the whole exchange must be over; uploads pass `.distantFuture`
    ///   and rely on the read and write timeouts instead.
    /// - Throws: `ClientError.unreachable` when the connection fails or breaks.
    public func send(_ request: HTTPClientRequest, deadline: NIODeadline) async throws(ClientError) -> Reply {
        do {
            let response = try await self.client.execute(request, deadline: deadline)
            var body = try await response.body.collect(upTo: Self.maxReplyBytes)
            return Reply(status: Int(response.status.code), headers: response.headers, body: body.readBytes(length: body.readableBytes) ?? [])
        } catch let error as ClientError {
            throw error
        } catch {
            throw .unreachable(url: Self.origin(of: request.url), reason: Self.describe(error))
        }
    }

    /// Sends a request and streams the answer's body to `chunk` as it arrives (a download);
    /// `head` sees the status and headers first and may refuse the answer by throwing.
    /// - Throws: what `head` or `chunk` throw, else `ClientError.unreachable` when the connection
    ///   fails or breaks (the bytes handed to `chunk` so far stay handed).
    public func stream(
        _ request: HTTPClientRequest, head: (Int, HTTPHeaders) throws(ClientError) -> Void, chunk: (ByteBuffer) async throws(ClientError) -> Void
    ) async throws(ClientError) {
        do {
            let response = try await self.client.execute(request, deadline: .distantFuture)
            try head(Int(response.status.code), response.headers)
            for try await buffer in response.body {
                try await chunk(buffer)
            }
        } catch let error as ClientError {
            throw error
        } catch {
            throw .unreachable(url: Self.origin(of: request.url), reason: Self.describe(error))
        }
    }

    /// `scheme://host:port` of a URL, for messages (never the path: upload URLs are capabilities).
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" }
        return String(url[..<schemeEnd.upperBound]) + host
    }

    /// A readable reason for a transport error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "the connection timed out"
            case .remoteConnectionClosed: return "the server closed the connection"
            case .readTimeout: return "the server stopped answering (read timeout)"
            case .writeTimeout: return "the connection stalled (write timeout)"
            case .deadlineExceeded: return "the request took too long"
            default: return String(describing: error)
            }
        }
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode)).lowercased()
        }
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        return text
    }
}
