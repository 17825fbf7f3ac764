//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /metrics`: what a Prometheus scrape shows after requests, uploads, validations and reaper sweeps.
@Suite struct MetricsTests {
    @Test func metricsAnswersThePrometheusTextFormatWithoutALogin() async throws {
        try await TestServer().run { client in
            _ = try await client.send(.get, "/health")
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let scrape = try Scrape(response.text)
            #expect(scrape.text.contains("# TYPE content_library_update_sessions gauge"))
            #expect(scrape.value("content_library_update_sessions", ["state": "ACTIVE"]) == 0)
            #expect(scrape.value("content_library_http_requests_total", ["operation": "/health", "method": "GET", "status": "200"]) == 1)
        }
    }

    @Test func noMetricsTurnsTheRouteOff() async throws {
        try await TestServer(servesMetrics: false).run { client in
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .notFound)
        }
    }

    @Test func requestsAreCountedByOperationAndStatusNeverByPath() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            _ = try await admin.session(session)
            #expect(try await admin.send(.get, APIClient.sessions + "/no-such-session").status == .notFound)
            _ = try await client.send(
                .post, "/api",
                json: #"""
                    {"jsonrpc":"2.0","method":"invoke","id":"1","params":{"serviceId":"com.vmware.content.library","operationId":"list",
                    "input":{"STRUCTURE":{"operation-input":{}}},"ctx":{"appCtx":{"opId":"test"},"securityCtx":{}}}}
                    """#
            )
            _ = try await client.send(.post, "/api", json: "not json")
            #expect(try await client.send(.get, "/no/such/path-4711").status == .notFound)
            let scrape = try Scrape(try await client.send(.get, "/metrics").text)
            let get = "com.vmware.content.library.item.update_session.get"
            #expect(scrape.value("content_library_http_requests_total", ["operation": "com.vmware.cis.session.create", "method": "POST", "status": "201"]) == 1)
            #expect(scrape.value("content_library_http_requests_total", ["operation": get, "method": "GET", "status": "200"]) == 1)
            #expect(scrape.value("content_library_http_requests_total", ["operation": get, "method": "GET", "status": "404"]) == 1)
            #expect(scrape.value("content_library_http_requests_total", ["operation": "com.vmware.content.library.list", "method": "POST", "status": "200"]) == 1)
            // A JSON-RPC body that names no operation is counted under its route.
            #expect(scrape.value("content_library_http_requests_total", ["operation": "/api", "method": "POST", "status": "200"]) == 1)
            #expect(scrape.value("content_library_http_request_duration_seconds_count", ["operation": get]) == 2)
            #expect(scrape.value("content_library_update_sessions", ["state": "ACTIVE"]) == 1)
            #expect(!scrape.text.contains(session), "no label holds an id from a path")
            #expect(!scrape.text.contains("no-such-session"))
            #expect(scrape.value("content_library_http_requests_total", ["operation": "NotFound", "method": "GET", "status": "404"]) == 1)
            #expect(!scrape.text.contains("4711"))
        }
    }

    @Test func anUploadCountsItsBytesAndLeavesNoTransferInFlight() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: session, name: "fox.txt", UploadTests.bytes)
            try await admin.addAndUpload(session: session, name: "dog.txt", Array("lazy dog".utf8))
            let scrape = try Scrape(try await client.send(.get, "/metrics").text)
            #expect(scrape.value("content_library_received_bytes_total", ["kind": "push"]) == Double(UploadTests.bytes.count + 8))
            #expect(scrape.value("content_library_transfers_in_flight", ["kind": "push"]) == 0)
            #expect(scrape.value("content_library_http_requests_total", ["operation": "/cls/data/{token}/{name}", "method": "PUT", "status": "200"]) == 2)
        }
    }

    @Test func aPullCountsItsBytesAndLeavesNoTransferInFlight() async throws {
        let bytes = Array("pulled content".utf8)
        let server = try TestServer(fetcher: CannedFetcher(bytes: bytes))
        try await server.run { client in
            let admin = try await client.login()
            let (_, _, session) = try await admin.createSessionOnNewItem()
            let spec = SessionFileAddSpec(
                name: "a.bin", sourceType: .pull, sourceEndpoint: TransferEndpoint(uri: "http://127.0.0.1:1/a.bin"), size: Int64(bytes.count)
            )
            #expect(try await admin.addFile(session: session, spec).status == .created)
            await server.services.pulls.waitForAll()
            let scrape = try Scrape(try await client.send(.get, "/metrics").text)
            #expect(scrape.value("content_library_received_bytes_total", ["kind": "pull"]) == Double(bytes.count))
            #expect(scrape.value("content_library_transfers_in_flight", ["kind": "pull"]) == 0)
            #expect(scrape.value("content_library_received_bytes_total", ["kind": "push"]) == nil)
        }
    }

    @Test func aValidationIsTimedUnderItsAdapterType() async throws {
        try await TestServer().run { client in
            let admin = try await client.login()
            let (_, _, generic) = try await admin.createSessionOnNewItem()
            try await admin.addAndUpload(session: generic, name: "fox.txt", UploadTests.bytes)
            #expect(try await admin.action("complete", session: generic).status == .noContent)
            let (_, _, iso) = try await admin.createSessionOnNewItem(type: "iso", name: "Image")
            try await admin.addAndUpload(session: iso, name: "readme.txt", Array(repeating: 0x41, count: 40_000))
            #expect(try await admin.action("complete", session: iso).status == .badRequest)
            let scrape = try Scrape(try await client.send(.get, "/metrics").text)
            #expect(scrape.value("content_library_validation_duration_seconds_count", ["type": "generic"]) == 1)
            #expect(scrape.value("content_library_validation_duration_seconds_count", ["type": "iso"]) == 1)
            #expect(scrape.value("content_library_update_sessions", ["state": "DONE"]) == 1)
            #expect(scrape.value("content_library_update_sessions", ["state": "ACTIVE"]) == 1)
        }
    }

    @Test func reaperSweepsAndWhatTheyExpireAreCounted() async throws {
        let clock = TestClock()
        try await TestServer(clock: clock, reaperInterval: 0.05).run { client in
            let admin = try await client.login()
            _ = try await admin.createSessionOnNewItem()
            clock.advance(by: 301)
            var scrape = try Scrape("")
            for _ in 0..<200 {
                scrape = try Scrape(try await client.send(.get, "/metrics").text)
                if scrape.value("content_library_reaper_removed_total", ["what": "update_session_expired"]) != nil { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(scrape.value("content_library_reaper_removed_total", ["what": "update_session_expired"]) == 1)
            #expect((scrape.value("content_library_reaper_runs_total", ["outcome": "ok"]) ?? 0) >= 1)
            #expect(scrape.value("content_library_update_sessions", ["state": "ERROR"]) == 1)
        }
    }

    @Test func twoServersInOneProcessCountApart() async throws {
        let first = try TestServer()
        let second = try TestServer()
        try await first.run { client in _ = try await client.login() }
        try await second.run { client in
            let scrape = try Scrape(try await client.send(.get, "/metrics").text)
            #expect(scrape.value("content_library_http_requests_total", ["operation": "com.vmware.cis.session.create", "method": "POST", "status": "201"]) == nil)
        }
    }
}

/// A parsed Prometheus text exposition: every sample line as name, labels and value; a line that
/// is neither a comment nor a sample fails the parse.
struct Scrape {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let text: String
    let samples: [Sample]

    init(_ text: String) throws {
        self.text = text
        var samples: [Sample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let (series, value) = try Self.split(String(line))
            guard let number = Double(value) else { throw ScrapeError(line: String(line)) }
            guard let brace = series.firstIndex(of: "{") else {
                samples.append(Sample(name: series, labels: [:], value: number))
                continue
            }
            guard series.hasSuffix("}") else { throw ScrapeError(line: String(line)) }
            var labels: [String: String] = [:]
            let body = series[series.index(after: brace)..<series.index(before: series.endIndex)]
            for pair in body.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[1].hasPrefix("\""), parts[1].hasSuffix("\"") else { throw ScrapeError(line: String(line)) }
                labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
            }
            samples.append(Sample(name: String(series[..<brace]), labels: labels, value: number))
        }
        self.samples = samples
    }

    /// The value of the series `name` with exactly `labels`, if the scrape has it.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        self.samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func split(_ line: String) throws -> (String, String) {
        guard let space = line.lastIndex(of: " ") else { throw ScrapeError(line: line) }
        return (String(line[..<space]), String(line[line.index(after: space)...]))
    }
}

struct ScrapeError: Error {
    var line: String
}
