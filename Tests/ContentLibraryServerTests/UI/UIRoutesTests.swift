//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryServer
import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// The browser UI's static files: the redirect from `/`, the page with its security headers,
/// the versioned assets' media types and caching, and 404 for what is not there.
@Suite struct UIRoutesTests {
    /// The versioned URL of `name` as the page names it (`/ui/v/<version>/<name>`).
    static func assetURL(_ page: String, _ name: String) throws -> String {
        let pattern = try Regex("/ui/v/[0-9a-f]{16}/" + name.replacingOccurrences(of: ".", with: "\\."))
        return String(try #require(page.firstMatch(of: pattern)).output[0].substring!)
    }

    @Test func theRootRedirectsToTheUI() async throws {
        try await TestServer().run { client in
            let response = try await client.send(.get, "/")
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/ui/")
        }
    }

    @Test func thePageCarriesTheContentSecurityPolicyAndNoSniff() async throws {
        try await TestServer().run { client in
            let response = try await client.send(.get, "/ui/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'self'"))
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(!policy.contains("unsafe-eval"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[.cacheControl] == "no-cache")
            #expect(!response.text.contains("%VERSION%"), "the placeholder is replaced")
            #expect(!response.text.contains("<script>"), "no inline script")
            #expect(!response.text.contains("style="), "no inline style")
            // The same page without the trailing slash and by name.
            #expect(try await client.send(.get, "/ui").text == response.text)
            #expect(try await client.send(.get, "/ui/index.html").text == response.text)
        }
    }

    @Test func theModulesAreJavaScriptAndTheStyleSheetIsCSS() async throws {
        try await TestServer().run { client in
            let page = try await client.send(.get, "/ui/").text
            let app = try Self.assetURL(page, "app.js")
            let script = try await client.send(.get, app)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.headers[.xContentTypeOptions] == "nosniff")
            #expect(script.text.contains("import"))
            // A module imported by relative URL resolves under the same version.
            let base = app.dropLast("app.js".count)
            let view = try await client.send(.get, base + "views/import.js")
            #expect(view.status == .ok)
            #expect(view.headers[.contentType] == "text/javascript; charset=utf-8")
            let css = try await client.send(.get, try Self.assetURL(page, "app.css"))
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func versionedAssetsAreImmutableWithTheirSHA256AsETag() async throws {
        try await TestServer().run { client in
            let page = try await client.send(.get, "/ui/").text
            let app = try Self.assetURL(page, "app.js")
            let api = String(app.dropLast("app.js".count)) + "api.js"
            let response = try await client.send(.get, api)
            #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let etag = try #require(response.headers[.eTag])
            let digest = SHA256.hash(data: Array(response.body.readableBytesView)).map { String(format: "%02x", $0) }.joined()
            #expect(etag == "\"\(digest)\"")
            let again = try await client.send(.get, api, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let other = try await client.send(.get, api, headers: [.ifNoneMatch: "\"0000\""])
            #expect(other.status == .ok)
        }
    }

    @Test func thePageAnswers304ToItsETag() async throws {
        try await TestServer().run { client in
            let first = try await client.send(.get, "/ui/")
            let etag = try #require(first.headers[.eTag])
            let second = try await client.send(.get, "/ui/", headers: [.ifNoneMatch: etag])
            #expect(second.status == .notModified)
            #expect(second.headers[.cacheControl] == "no-cache")
        }
    }

    /// Every file of `UI/Web` is in the asset table (a file left out would be a 404 in the
    /// browser), and nothing else is.
    @Test func theTableServesEveryFileOfTheWebFolder() throws {
        let folder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/ContentLibraryServer/UI/Web").path
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder)
            .filter { !$0.hasSuffix("/") && !Self.isFolder(folder + "/" + $0) && $0 != "index.html" }
        #expect(Set(files) == Set(UIAssetTable.compiled.assets.keys))
        for (path, asset) in UIAssetTable.compiled.assets {
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
            #expect(Array(onDisk) == asset.bytes, "\(path) is the file's own bytes")
        }
    }

    /// Every relative `import … from "./x.js"` of every module names a file the table serves.
    @Test func everyModuleImportResolves() throws {
        let table = UIAssetTable.compiled
        let pattern = try Regex(#"from "(\.{1,2}/[^"]+)""#)
        var imports = 0
        for (path, asset) in table.assets where path.hasSuffix(".js") {
            let source = String(decoding: asset.bytes, as: UTF8.self)
            for match in source.matches(of: pattern) {
                let target = String(try #require(match.output[1].substring))
                var parts = path.split(separator: "/").dropLast().map(String.init)
                for part in target.split(separator: "/").map(String.init) {
                    if part == ".." { parts = parts.dropLast() } else if part != "." { parts.append(part) }
                }
                #expect(table.assets[parts.joined(separator: "/")] != nil, "\(path) imports \(target)")
                imports += 1
            }
        }
        #expect(imports > 20, "the modules' imports were found")
    }

    static func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    @Test func unknownAssetsAndOtherVersionsAre404() async throws {
        try await TestServer().run { client in
            let page = try await client.send(.get, "/ui/").text
            let app = try Self.assetURL(page, "app.js")
            let base = app.dropLast("app.js".count)
            let missing = try await client.send(.get, base + "views/nothing.js")
            #expect(missing.status == .notFound)
            #expect(missing.headers[.xContentTypeOptions] == "nosniff")
            #expect(try await client.send(.get, "/ui/v/0000000000000000/app.js").status == .notFound)
            #expect(try await client.send(.get, "/ui/app.js").status == .notFound)
            #expect(try await client.send(.get, base + "../../../Package.swift").status == .notFound)
        }
    }
}
