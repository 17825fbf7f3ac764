//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryClient
import ContentLibraryModel
import NIOHTTP1
import Testing

@Suite struct ContentLibraryAPITests {
    @Test func theServerURLIsNormalised() throws {
        #expect(try ContentLibraryAPI.baseURL("http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(try ContentLibraryAPI.baseURL("https://vc.example.com/") == "https://vc.example.com")
        #expect(try ContentLibraryAPI.baseURL("http://host:1/api/") == "http://host:1")
    }

    @Test(arguments: ["127.0.0.1:8080", "ftp://host", "http://", ""])
    func aServerThatIsNotAnHTTPURLIsAUsageError(_ text: String) {
        #expect(throws: ClientError.self) { try ContentLibraryAPI.baseURL(text) }
        #expect((try? ContentLibraryAPI.baseURL(text)) == nil)
    }

    @Test func aVAPIErrorBodyKeepsTheServersMessages() {
        let body = #"{"error_type":"NOT_ALLOWED_IN_CURRENT_STATE","messages":[{"id":"x.y","default_message":"Not now.","args":["a"]}]}"#
        let reply = HTTPTransport.Reply(status: 400, headers: [:], body: Array(body.utf8))
        let error = ContentLibraryAPI.failure(reply, operation: "complete the update session")
        #expect(error == .api(
            operation: "complete the update session", status: 400,
            error: APIError(.notAllowedInCurrentState, messages: [LocalizableMessage(id: "x.y", defaultMessage: "Not now.", args: ["a"])])
        ))
        #expect(error.description == "complete the update session failed (HTTP 400, NOT_ALLOWED_IN_CURRENT_STATE): Not now.")
        #expect(!error.isUsageOrConnection)
    }

    @Test func unauthenticatedMeansTheLoginIsGone() {
        let body = #"{"error_type":"UNAUTHENTICATED","messages":[]}"#
        let error = ContentLibraryAPI.failure(HTTPTransport.Reply(status: 401, headers: [:], body: Array(body.utf8)), operation: "get item")
        guard case .authentication = error else {
            Issue.record("expected an authentication error, got \(error)")
            return
        }
        #expect(error.isUsageOrConnection)
    }

    @Test func anAnswerThatIsNotAVAPIErrorIsShownAsText() {
        let error = ContentLibraryAPI.failure(HTTPTransport.Reply(status: 502, headers: [:], body: Array("Bad Gateway".utf8)), operation: "list")
        #expect(error == .unexpectedResponse(operation: "list", status: 502, detail: "Bad Gateway"))
    }

    @Test func pathSegmentsAreEscapedWholly() {
        #expect(ContentLibraryAPI.escape("my disk#1?.vmdk") == "my%20disk%231%3F.vmdk")
        #expect(ContentLibraryAPI.escape("a/b%c") == "a%2Fb%25c")
        #expect(ContentLibraryAPI.escape("abc-1.ovf") == "abc-1.ovf")
    }

    @Test func uploadURLsAreShownWithoutTheirCapabilityPath() {
        #expect(HTTPTransport.origin(of: "http://127.0.0.1:9/cls/data/secret/disk.vmdk") == "http://127.0.0.1:9")
    }
}
