//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryFetch
import ContentLibraryModel
import ContentLibraryServices
import Foundation
import NIOCore
import Testing

/// Pinned https pulls: the certificate is accepted exactly when its thumbprint (or PEM) matches,
/// with no other validation — a self-signed certificate no trust store knows is fine.
@Suite struct PinnedHTTPClientTests {
    let fetcher = HTTPSourceFetcher()
    /// For the time-out test only.
    let impatient = HTTPSourceFetcher(configuration: FetchConfiguration(readTimeout: .seconds(1)))

    @Test func aMatchingSHA256ThumbprintAcceptsASelfSignedCertificate() async throws {
        let certificate = try TestCertificate()
        let content = testBytes(200_000)
        let server = try await TestHTTPServer(routes: ["/a.ovf": .bytes(content)], certificate: certificate)
        defer { Task { try await server.stop() } }
        let fetched = try await self.fetcher.collect(server.url("/a.ovf"), thumbprint: certificate.sha256Thumbprint)
        #expect(fetched.bytes == content)
        #expect(fetched.expectedLength == 200_000)
        // Lower case and SHA-1 (as govc sends it) match as well.
        #expect(try await self.fetcher.collect(server.url("/a.ovf"), thumbprint: certificate.sha256Thumbprint.lowercased()).bytes == content)
        #expect(try await self.fetcher.collect(server.url("/a.ovf"), thumbprint: certificate.sha1Thumbprint).bytes == content)
        #expect(try await self.fetcher.collect(server.url("/a.ovf"), certificate: certificate.pem).bytes == content)
    }

    @Test func aDifferentThumbprintRefusesTheCertificate() async throws {
        let certificate = try TestCertificate()
        let other = try TestCertificate()
        let server = try await TestHTTPServer(routes: ["/a.ovf": .bytes([1, 2, 3])], certificate: certificate)
        defer { Task { try await server.stop() } }
        let url = server.url("/a.ovf")
        let error = await fetchError { try await self.fetcher.collect(url, thumbprint: other.sha256Thumbprint) }
        #expect(error?.reason == .certificate)
        #expect(error?.message == "The certificate of \(url) (\(certificate.sha256Thumbprint)) does not match the pinned SHA-256 thumbprint \(other.sha256Thumbprint).")
        #expect(error?.thumbprint == certificate.sha1Thumbprint)
        let byPEM = await fetchError { try await self.fetcher.collect(url, certificate: other.pem) }
        #expect(byPEM?.reason == .certificate)
    }

    @Test func pinnedPullsFollowRedirectsAndReportStatuses() async throws {
        let certificate = try TestCertificate()
        let content = testBytes(5000)
        let server = try await TestHTTPServer(
            routes: ["/old": .redirect("/new"), "/new": .bytes(content), "/loop": .redirect("/loop")], certificate: certificate
        )
        defer { Task { try await server.stop() } }
        let pin = certificate.sha256Thumbprint
        #expect(try await self.fetcher.collect(server.url("/old"), thumbprint: pin).bytes == content)
        let loop = await fetchError { try await self.fetcher.collect(server.url("/loop"), thumbprint: pin) }
        #expect(loop?.message == "\(server.url("/loop")) redirects in a loop.")
        let missing = await fetchError { try await self.fetcher.collect(server.url("/none"), thumbprint: pin) }
        #expect(missing?.message == "\(server.url("/none")) answered HTTP 404 Not Found.")
    }

    @Test func aPinnedPullOfASilentServerTimesOut() async throws {
        let certificate = try TestCertificate()
        let server = try await TestHTTPServer(routes: ["/slow": .stall(announced: 100, sent: [1])], certificate: certificate)
        defer { Task { try await server.stop() } }
        let error = await fetchError { try await self.impatient.collect(server.url("/slow"), thumbprint: certificate.sha256Thumbprint) }
        #expect(error?.reason == .timedOut)
        #expect(error?.message == "\(server.url("/slow")) sent no data for 1 s.")
    }

    @Test func aTruncatedBodyIsAConnectionError() async throws {
        // The announced length is larger than what is sent before the server closes.
        let certificate = try TestCertificate()
        let server = try await TestHTTPServer(routes: ["/short": .stall(announced: 100, sent: [1])], certificate: certificate)
        let url = server.url("/short")
        let task = Task { await fetchError { try await self.impatient.collect(url, thumbprint: certificate.sha256Thumbprint) } }
        try await Task.sleep(for: .milliseconds(200))
        try await server.stop()
        let error = await task.value
        #expect(error?.reason == .connection || error?.reason == .timedOut)
    }
}
