//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryFetch
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import NIOCore
import Testing

/// `HTTPSourceFetcher` over AsyncHTTPClient: plain http, verified https, redirects, time-outs.
@Suite struct HTTPSourceFetcherTests {
    let fetcher = HTTPSourceFetcher()
    /// For the time-out tests only: short limits make a loaded machine look like a silent server.
    let impatient = HTTPSourceFetcher(configuration: FetchConfiguration(readTimeout: .seconds(1), probeTimeout: .seconds(1)))

    @Test func fetchesAWholeFileWithItsAnnouncedLength() async throws {
        let content = testBytes(300_000)
        let server = try await TestHTTPServer(routes: ["/disk.vmdk": .bytes(content)])
        defer { Task { try await server.stop() } }
        let fetched = try await self.fetcher.collect(server.url("/disk.vmdk"))
        #expect(fetched.expectedLength == 300_000)
        #expect(fetched.bytes == content)
    }

    @Test func aNon2xxAnswerIsAnHTTPStatusError() async throws {
        let server = try await TestHTTPServer(routes: ["/gone": .status(410)])
        defer { Task { try await server.stop() } }
        let missing = await fetchError { try await self.fetcher.collect(server.url("/missing")) }
        #expect(missing?.reason == .httpStatus)
        #expect(missing?.status == 404)
        #expect(missing?.message == "\(server.url("/missing")) answered HTTP 404 Not Found.")
        let gone = await fetchError { try await self.fetcher.collect(server.url("/gone")) }
        #expect(gone?.status == 410)
    }

    @Test func followsRedirectsUpToTheLimit() async throws {
        let content = testBytes(1000)
        var routes: [String: TestRoute] = ["/file": .bytes(content), "/loop-a": .redirect("/loop-b"), "/loop-b": .redirect("/loop-a")]
        for hop in 1...7 { routes["/hop\(hop)"] = .redirect(hop == 7 ? "/file" : "/hop\(hop + 1)") }
        let server = try await TestHTTPServer(routes: routes)
        defer { Task { try await server.stop() } }
        #expect(try await self.fetcher.collect(server.url("/hop3")).bytes == content)  // 5 redirects: allowed

        let loop = await fetchError { try await self.fetcher.collect(server.url("/loop-a")) }
        #expect(loop?.reason == .redirects)
        #expect(loop?.message == "\(server.url("/loop-a")) redirects in a loop.")
        let long = await fetchError { try await self.fetcher.collect(server.url("/hop1")) }
        #expect(long?.reason == .redirects)
        #expect(long?.message == "\(server.url("/hop1")) redirects more than 5 times.")
    }

    @Test func anUntrustedCertificateFailsWithoutAPin() async throws {
        let certificate = try TestCertificate()
        let server = try await TestHTTPServer(routes: ["/a": .bytes([1, 2, 3])], certificate: certificate)
        defer { Task { try await server.stop() } }
        let error = await fetchError { try await self.fetcher.collect(server.url("/a")) }
        #expect(error?.reason == .certificate)
        #expect(error?.message.hasPrefix("The TLS handshake with \(server.url("/a")) failed: the server's certificate is not trusted") == true)
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try await TestHTTPServer(routes: ["/slow": .stall(announced: 1000, sent: [1, 2, 3])])
        defer { Task { try await server.stop() } }
        let start = ContinuousClock.now
        let error = await fetchError { try await self.impatient.collect(server.url("/slow")) }
        #expect(error?.reason == .timedOut)
        #expect(error?.message == "\(server.url("/slow")) sent no data for 1 s.")
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func aRefusedConnectionIsAConnectionError() async throws {
        let server = try await TestHTTPServer(routes: [:])
        let url = server.url("/a")
        try await server.stop()
        let error = await fetchError { try await self.fetcher.collect(url) }
        #expect(error?.reason == .connection)
        #expect(error?.message.hasPrefix("Cannot connect to \(url)") == true)
    }

    @Test func cancellingTheTaskStopsAStalledTransfer() async throws {
        let patient = self.fetcher  // a 60 s read time-out: only the cancel can end it early
        let server = try await TestHTTPServer(routes: ["/slow": .stall(announced: 1000, sent: [1, 2, 3])])
        defer { Task { try await server.stop() } }
        let url = server.url("/slow")
        let task = Task { try await patient.collect(url) }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        task.cancel()
        _ = await task.result
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    // MARK: Probe

    @Test func probeReportsSuccessAndMissingResources() async throws {
        let server = try await TestHTTPServer(routes: ["/a.iso": .bytes(testBytes(10))])
        defer { Task { try await server.stop() } }
        #expect(try await self.fetcher.probe(server.url("/a.iso")) == ProbeResult(status: .success))
        let missing = try await self.fetcher.probe(server.url("/b.iso"))
        #expect(missing.status == .resourceNotFound)
        #expect(missing.errorMessages?.first?.defaultMessage == "\(server.url("/b.iso")) answered HTTP 404 Not Found.")
        #expect(missing.errorMessages?.first?.id == "com.vmware.content.library.item.updatesession.file.probe_failed")
    }

    @Test func probeReportsAnUntrustedCertificateWithItsSHA1Thumbprint() async throws {
        let certificate = try TestCertificate()
        let server = try await TestHTTPServer(routes: ["/a.iso": .bytes(testBytes(10))], certificate: certificate)
        defer { Task { try await server.stop() } }
        let result = try await self.fetcher.probe(server.url("/a.iso"))
        #expect(result.status == .certificateError)
        #expect(result.sslThumbprint == certificate.sha1Thumbprint)
        #expect(result.errorMessages?.isEmpty == false)
        // The thumbprint the probe returned pins the certificate: the same probe now succeeds.
        let pinned = try await self.fetcher.probe(server.url("/a.iso"), thumbprint: result.sslThumbprint)
        #expect(pinned.status == .success)
        #expect(pinned.sslThumbprint == certificate.sha1Thumbprint)
    }

    @Test func probeTimesOutOnASilentServer() async throws {
        let server = try await TestHTTPServer(routes: ["/slow": .stall(announced: 10, sent: [])])
        defer { Task { try await server.stop() } }
        // The head arrives, so a probe of a stalled body still succeeds; a pinned probe of plain
        // http with no answer at all is what times out: use a listener that never answers.
        #expect(try await self.impatient.probe(server.url("/slow")).status == .success)
        let silent = try await SilentListener()
        defer { Task { try await silent.stop() } }
        let result = try await self.impatient.probe("http://127.0.0.1:\(silent.port)/x")
        #expect(result.status == .timedOut)
    }
}
