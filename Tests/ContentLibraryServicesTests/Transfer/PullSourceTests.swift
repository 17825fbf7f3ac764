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
import Testing

/// `PullSource`: which `source_endpoint` URIs are accepted, and the error of each refusal.
@Suite struct PullSourceTests {
    func refusal(_ uri: String, roots: [String] = []) -> APIError? {
        do {
            _ = try PullSource(TransferEndpoint(uri: uri), importRoots: ImportRoots(roots))
            return nil
        } catch {
            return error
        }
    }

    @Test func webURLsAreAccepted() throws {
        let source = try PullSource(TransferEndpoint(uri: "https://example.com:8443/a%20b.iso?x=1"), importRoots: ImportRoots([]))
        #expect(source.location == .web(URL(string: "https://example.com:8443/a%20b.iso?x=1")!))
        #expect(source.pin == nil)
        #expect(!source.isFile)
    }

    @Test func datastoreURIsAreUnsupported() {
        let error = self.refusal("ds:///vmfs/volumes/uuid/a.iso")
        #expect(error?.kind == .unsupported)
        #expect(error?.messages.first?.defaultMessage == "Datastore URIs (ds://) are not supported by this server; pull from http, https or file instead.")
    }

    @Test(arguments: ["ftp://example.com/a.iso", "gopher://x/y"])
    func otherSchemesAreInvalid(uri: String) {
        let error = self.refusal(uri)
        #expect(error?.kind == .invalidArgument)
        #expect(error?.messages.first?.defaultMessage.hasPrefix("The source endpoint scheme '") == true)
    }

    @Test(arguments: ["not a uri", "/just/a/path", "https:///nohost", "http://"])
    func malformedURIsAreInvalid(uri: String) {
        #expect(self.refusal(uri)?.kind == .invalidArgument)
    }

    @Test func fileURIsNeedAnImportRoot() throws {
        let root = NSTemporaryDirectory() + "content-library-pullsource-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outside = self.refusal("file:///etc/passwd", roots: [root])
        #expect(outside?.kind == .unauthorized)
        #expect(
            outside?.messages.first?.defaultMessage
                == "The file source /etc/passwd is not inside an import root of this server; an operator allows folders with `serve --import-root DIR`."
        )
        #expect(self.refusal("file://" + root + "/../../etc/passwd", roots: [root])?.kind == .unauthorized)
        #expect(self.refusal("file://otherhost" + root + "/a.iso", roots: [root])?.kind == .invalidArgument)
        let inside = try PullSource(TransferEndpoint(uri: "file://" + root + "/a%20b.iso"), importRoots: ImportRoots([root]))
        guard case .file(let path) = inside.location else { Issue.record("not a file source"); return }
        #expect(path.hasSuffix("/a b.iso"))
        #expect(inside.isFile)
    }
}
