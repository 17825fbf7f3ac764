//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For` are believed only with
/// `--trust-forwarded-headers` (a server behind a proxy that sets them), and `--external-url`
/// wins over them.
@Suite struct ForwardedHeadersTests {
    static let proxied: HTTPFields = [
        HTTPField.Name("X-Forwarded-Proto")!: "https",
        HTTPField.Name("X-Forwarded-Host")!: "cl.example.com:8443",
    ]

    /// The upload URL `add` answers to a request carrying `headers`.
    static func uploadURL(_ server: TestServer, headers: HTTPFields) async throws -> String {
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let spec = SessionFileAddSpec(name: "fox.txt", sourceType: .push, size: 3)
            let response = try await admin.send(.post, APIClient.sessions + "/" + session + "/file", value: spec, headers: headers)
            try #require(response.status == .created, "add file: \(response.text)")
            return try #require(try response.decode(SessionFileInfo.self).uploadEndpoint?.uri)
        }
    }

    @Test func aTrustedProxyNamesTheSchemeAndHostOfUploadURLs() async throws {
        let url = try await Self.uploadURL(try TestServer(trustsForwardedHeaders: true), headers: Self.proxied)
        #expect(url.hasPrefix("https://cl.example.com:8443/cls/data/"), "\(url)")
    }

    @Test func withoutTheFlagTheHeadersAreIgnored() async throws {
        let url = try await Self.uploadURL(try TestServer(), headers: Self.proxied)
        #expect(url.hasPrefix("http://localhost/cls/data/"), "\(url)")
    }

    @Test func theExternalURLWinsOverTheHeaders() async throws {
        let server = try TestServer(trustsForwardedHeaders: true, externalURL: "https://library.example.org")
        let url = try await Self.uploadURL(server, headers: Self.proxied)
        #expect(url.hasPrefix("https://library.example.org/cls/data/"), "\(url)")
    }

    @Test func aMalformedForwardedValueIsIgnoredNotCopiedIntoTheURL() async throws {
        let headers: HTTPFields = [
            HTTPField.Name("X-Forwarded-Proto")!: "javascript",
            HTTPField.Name("X-Forwarded-Host")!: "evil.example/steal?x=",
        ]
        let url = try await Self.uploadURL(try TestServer(trustsForwardedHeaders: true), headers: headers)
        #expect(url.hasPrefix("http://localhost/cls/data/"), "\(url)")
    }

    @Test func theFirstHostOfAChainIsTheOneTheClientUsed() async throws {
        let headers: HTTPFields = [HTTPField.Name("X-Forwarded-Host")!: "outer.example, inner.example"]
        let url = try await Self.uploadURL(try TestServer(trustsForwardedHeaders: true), headers: headers)
        #expect(url.hasPrefix("http://outer.example/cls/data/"), "\(url)")
    }

    /// The SOAP session's `ipAddress` is the address the login was made from: with the flag, the
    /// last `X-Forwarded-For` entry (the one the proxy added), never an earlier one a client wrote.
    @Test(arguments: [true, false])
    func theClientAddressIsTheLastForwardedEntryOnlyWhenTrusted(trusted: Bool) async throws {
        try await TestServer(trustsForwardedHeaders: trusted).run { client in
            var headers = SOAPRouteTests.xml
            headers[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.9, 203.0.113.7"
            let login = try await client.send(
                .post, "/sdk", body: SOAPRouteTests.envelope("Login", this: "SessionManager", type: "SessionManager",
                    "<userName>\(TestServer.administrator)</userName><password>\(TestServer.password)</password>"), headers: headers
            )
            try #require(login.status == .ok, "\(login.text)")
            let cookie = try #require(login.headers[.setCookie])
            headers[.cookie] = String(cookie.prefix { $0 != ";" })
            let current = "<specSet><propSet><type>SessionManager</type><pathSet>currentSession</pathSet></propSet>"
                + "<objectSet><obj type=\"SessionManager\">SessionManager</obj><skip>false</skip></objectSet></specSet>"
            let session = try await client.send(
                .post, "/sdk", body: SOAPRouteTests.envelope("RetrieveProperties", this: "propertyCollector", type: "PropertyCollector", current),
                headers: headers
            )
            try #require(session.status == .ok, "\(session.text)")
            #expect(session.text.contains("ipAddress"), "\(session.text)")
            #expect(session.text.contains("203.0.113.7") == trusted, "\(session.text)")
            #expect(!session.text.contains("198.51.100.9"), "\(session.text)")
        }
    }
}
