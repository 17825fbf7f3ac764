//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import AsyncHTTPClient
import ContentLibraryModel
package import ContentLibraryAPI
package import ContentLibraryServices
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// The server's `SourceFetcher`: `http` and `https` with AsyncHTTPClient (system trust roots,
/// bounded redirects), pinned `https` with `PinnedHTTPClient`, and `file` from the local disk.
///
/// ```swift
/// let fetcher = HTTPSourceFetcher()
/// let context = ServiceContext(metadata: metadata, content: content, adapters: adapters, fetcher: fetcher, …)
/// ```
package struct HTTPSourceFetcher: SourceFetcher {
    /// The time-outs and redirect limit.
    package let configuration: FetchConfiguration

    /// Creates a fetcher.
    package init(configuration: FetchConfiguration = FetchConfiguration()) {
        self.configuration = configuration
    }

    /// Opens `source` and hands its bytes to `consume`; any failure is a `SourceFetchError`.
    package func fetch<Result: Sendable>(
        _ source: PullSource, consume: (SourceResponse) async throws -> Result
    ) async throws -> Result {
        switch source.location {
        case .file(let path):
            return try await LocalFileReader.read(path, consume: consume)
        case .web(let url):
            if let pin = source.pin {
                return try await self.pinnedClient(pin).get(url, consume: consume)
            }
            return try await self.get(url, deadline: .distantFuture, consume: consume)
        }
    }

    /// Probes `source`: opens it as a pull would and reads only the response head.
    ///
    /// Without a pin, a certificate that ordinary verification rejects is fetched once more
    /// through an accept-all handshake, only to report its SHA-1 thumbprint as govc expects.
    package func probe(_ source: PullSource) async -> ProbeResult {
        let deadline = NIODeadline.now() + self.configuration.probeTimeout
        switch source.location {
        case .file(let path):
            do {
                return try await LocalFileReader.read(path) { _ in ProbeResult(status: .success) }
            } catch {
                return Self.result(error, thumbprint: nil)
            }
        case .web(let url):
            if let pin = source.pin {
                let client = self.pinnedClient(pin)
                do {
                    return try await Self.within(deadline) {
                        try await client.get(url) { _ in ProbeResult(status: .success) }
                    }.with(thumbprint: client.presented.get())
                } catch {
                    return Self.result(error, thumbprint: client.presented.get())
                }
            }
            do {
                let result = try await self.get(url, deadline: deadline) { _ in ProbeResult(status: .success) }
                guard url.scheme?.lowercased() == "https" else { return result }
                return result.with(thumbprint: await self.presentedLeaf(url))
            } catch let error as SourceFetchError where error.reason == .certificate {
                return Self.result(error, thumbprint: await self.presentedLeaf(url))
            } catch {
                return Self.result(error, thumbprint: nil)
            }
        }
    }

    // MARK: AsyncHTTPClient

    /// GETs `url` with AsyncHTTPClient and hands the 2xx response to `consume`.
    private func get<Result: Sendable>(
        _ url: URL, deadline: NIODeadline, consume: (SourceResponse) async throws -> Result
    ) async throws -> Result {
        let text = url.absoluteString
        var request = HTTPClientRequest(url: text)
        request.method = .GET
        request.headers.add(name: "User-Agent", value: "content-library")
        request.headers.add(name: "Accept", value: "*/*")
        let response: HTTPClientResponse
        do {
            response = try await Self.client(self.configuration).execute(request, deadline: deadline)
        } catch {
            throw FetchFailure.map(error, url: text, configuration: self.configuration)
        }
        guard (200..<300).contains(response.status.code) else {
            throw FetchFailure.status(response.status, url: text)
        }
        let length = response.headers.first(name: "Content-Length").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        do {
            return try await consume(SourceResponse(expectedLength: length, body: SourceBytes(response.body)))
        } catch let error as HTTPClientError {
            throw FetchFailure.map(error, url: text, configuration: self.configuration)
        }
    }

    /// One AsyncHTTPClient per configuration for the whole process.
    ///
    /// A client owns a connection pool that must outlive every copy of the fetcher, and AHC
    /// traps in debug builds when a client is released without `shutdown()`; like
    /// `HTTPClient.shared`, these clients live until the process ends.
    private static func client(_ configuration: FetchConfiguration) -> HTTPClient {
        self.clients.withLock { clients in
            if let client = clients[configuration] { return client }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.certificateVerification = .fullVerification
            let client = HTTPClient(
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                configuration: HTTPClient.Configuration(
                    tlsConfiguration: tls,
                    redirectConfiguration: .follow(max: configuration.maxRedirects, allowCycles: false),
                    timeout: HTTPClient.Configuration.Timeout(connect: configuration.connectTimeout, read: configuration.readTimeout),
                    decompression: .disabled
                )
            )
            clients[configuration] = client
            return client
        }
    }

    private static let clients = Mutex<[FetchConfiguration: HTTPClient]>([:])

    // MARK: Pinning and probes

    /// A client that accepts exactly the pinned certificate.
    private func pinnedClient(_ pin: CertificatePin) -> PinnedHTTPClient {
        PinnedHTTPClient(
            configuration: self.configuration,
            judge: { pin.matches(leaf: $0) },
            rejection: { leaf, url in
                SourceFetchError(
                    .certificate,
                    "The certificate of \(url) (\(pin.thumbprint(of: leaf))) does not match the pinned \(pin.description).",
                    thumbprint: CertificatePin.sha1Thumbprint(leaf)
                )
            }
        )
    }

    /// The leaf certificate `url`'s server presents, from a handshake that accepts any certificate
    /// and is closed after the response head; `nil` when none could be had. It has a probe
    /// time-out of its own: the verified attempt before it may have used up the first.
    private func presentedLeaf(_ url: URL) async -> [UInt8]? {
        let deadline = NIODeadline.now() + self.configuration.probeTimeout
        let client = PinnedHTTPClient(
            configuration: self.configuration, judge: { _ in true },
            rejection: { _, url in SourceFetchError(.certificate, "\(url) presented no certificate.") }
        )
        _ = try? await Self.within(deadline) { try await client.get(url) { _ in true } }
        return client.presented.get()
    }

    /// Runs `body`, failing with a time-out when `deadline` passes first.
    private static func within<T: Sendable>(_ deadline: NIODeadline, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                let nanoseconds = max(0, (deadline - .now()).nanoseconds)
                try await Task.sleep(nanoseconds: UInt64(nanoseconds))
                throw SourceFetchError(.timedOut, "The source did not answer in time.")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// The probe result of a failure.
    private static func result(_ error: any Error, thumbprint leaf: [UInt8]?) -> ProbeResult {
        guard let error = error as? SourceFetchError else {
            return ProbeResult(status: .unknownError, errorMessages: [Self.message("\(error)")])
        }
        let status: ProbeResult.Status =
            switch error.reason {
            case .httpStatus where error.status == 404 || error.status == 410: .resourceNotFound
            case .httpStatus where error.status == 401 || error.status == 403 || error.status == 407: .invalidCredentials
            case .httpStatus, .redirects, .connection: .unknownError
            case .file: .resourceNotFound
            case .certificate: .certificateError
            case .timedOut: .timedOut
            case .hostNotFound: .hostNotFound
            }
        return ProbeResult(status: status, errorMessages: [Self.message(error.message)]).with(thumbprint: leaf)
    }

    private static func message(_ text: String) -> LocalizableMessage {
        LocalizableMessage(id: "com.vmware.content.library.item.updatesession.file.probe_failed", defaultMessage: text, args: [])
    }
}

extension ProbeResult {
    /// The result with the SHA-1 thumbprint of `leaf`, when there is one.
    fileprivate func with(thumbprint leaf: [UInt8]?) -> ProbeResult {
        var result = self
        if let leaf { result.sslThumbprint = CertificatePin.sha1Thumbprint(leaf) }
        return result
    }
}
