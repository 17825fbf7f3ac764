//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// govc's PULL flow over `/rest`: `probe`, then `file.add` with `source_type` PULL, then `get`
/// until READY; the wire shapes of `ProbeResult` and of a PULL `File.Info`.
@Suite struct LegacyPullTests {
    @Test func probeAnswersTheFetchersResultInTheLegacyEnvelope() async throws {
        let result = ProbeResult(
            status: .certificateError, sslThumbprint: "AA:BB",
            errorMessages: [LocalizableMessage(id: "com.vmware.content.library.item.updatesession.file.probe_failed", defaultMessage: "untrusted")]
        )
        let fetcher = CannedFetcher(probe: result)
        try await TestServer(fetcher: fetcher).run { client in
            let admin = try await client.legacyLogin()
            let response = try await admin.legacy(
                .post, APIClient.legacyFiles + "?~action=probe", json: #"{"source_endpoint":{"uri":"https://127.0.0.1:1/a.ova"}}"#
            )
            #expect(response.status == .ok, "\(response.text)")
            let value = try #require(try response.object()["value"] as? [String: Any])
            #expect(Set(value.keys) == ["status", "ssl_thumbprint", "error_messages"])
            #expect(try response.legacyValue(ProbeResult.self) == result)
            #expect(fetcher.requests == ["https://127.0.0.1:1/a.ova"])
        }
    }

    @Test func probeOfABadURIIsInvalidURLWithoutAsking() async throws {
        let fetcher = CannedFetcher()
        try await TestServer(fetcher: fetcher).run { client in
            let admin = try await client.legacyLogin()
            let response = try await admin.legacy(.post, APIClient.legacyFiles + "?~action=probe", json: #"{"source_endpoint":{"uri":"ftp://127.0.0.1/a"}}"#)
            let value = try response.legacyValue(ProbeResult.self)
            #expect(value.status == .invalidURL)
            #expect(value.errorMessages?.first?.defaultMessage == "The source endpoint scheme 'ftp' is not supported; use http, https or file.")
            expectLegacyError(
                try await admin.legacy(.post, APIClient.legacyFiles + "?~action=probe", json: #"{"source_endpoint":{"uri":"file:///etc/passwd"}}"#),
                .forbidden, "unauthorized"
            )
            #expect(fetcher.requests.isEmpty)
        }
    }

    @Test func aPullAddedOverRestBecomesReady() async throws {
        let bytes = Array("pulled content".utf8)
        let fetcher = CannedFetcher(bytes: bytes)
        let server = try TestServer(fetcher: fetcher)
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let legacy = try await client.legacyLogin()
            let spec = #"{"file_spec":{"name":"a.iso","source_type":"PULL","size":14,"source_endpoint":{"uri":"http://127.0.0.1:1/a.iso","ssl_certificate_thumbprint":null}}}"#
            let added = try await legacy.legacy(.post, APIClient.legacyFiles + "/id:\(session)?~action=add", json: spec)
            #expect(added.status == .ok, "\(added.text)")
            let info = try #require(try added.object()["value"] as? [String: Any])
            #expect(info["upload_endpoint"] == nil)
            #expect((info["source_endpoint"] as? [String: Any])?["uri"] as? String == "http://127.0.0.1:1/a.iso")
            await server.services.pulls.waitForAll()
            let got = try await legacy.legacy(.post, APIClient.legacyFiles + "/id:\(session)?~action=get", json: #"{"file_name":"a.iso"}"#)
            let file = try got.legacyValue(SessionFileInfo.self)
            #expect(file.status == .ready)
            #expect(file.size == 14)
            #expect(file.checksumInfo?.checksum == StreamingHasher.digest(bytes, algorithm: .sha256))
        }
    }
}
