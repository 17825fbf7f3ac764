//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation

/// Every file of the browser UI, compiled into the binary by SwiftPM (`.embedInCode("UI/Web")`
/// in Package.swift generates `PackageResources`, one byte array per file, named after the
/// file's base name): nothing is read from disk at run time.
///
/// The caching scheme: `index.html` is served at `/ui/` with `Cache-Control: no-cache` and an
/// `ETag`, so a browser asks again each time and gets `304` while it is unchanged. Every other
/// file is served under `/ui/v/<version>/<path>`, where `<version>` is the first 16 hex digits of
/// a SHA-256 over all the files; those answers are `immutable` for a year. `index.html` names
/// the versioned URLs (its `%VERSION%` placeholder is replaced at start), and the modules import
/// each other by relative URL, so a new binary with any changed file moves every URL at once.
struct UIAssetTable: Sendable {
    /// The files under `/ui/v/<version>/`, by path.
    let assets: [String: UIAsset]
    /// The page at `/ui/`, with the versioned URLs filled in.
    let index: UIAsset
    /// The content version in the asset URLs.
    let version: String

    /// The table of the files compiled into this binary.
    static let compiled = UIAssetTable(
        index: PackageResources.index_html,
        assets: [
            UIAsset("app.css", PackageResources.app_css),
            UIAsset("app.js", PackageResources.app_js),
            UIAsset("api.js", PackageResources.api_js),
            UIAsset("router.js", PackageResources.router_js),
            UIAsset("dom.js", PackageResources.dom_js),
            UIAsset("format.js", PackageResources.format_js),
            UIAsset("upload.js", PackageResources.upload_js),
            UIAsset("x509.js", PackageResources.x509_js),
            UIAsset("views/signin.js", PackageResources.signin_js),
            UIAsset("views/libraries.js", PackageResources.libraries_js),
            UIAsset("views/items.js", PackageResources.items_js),
            UIAsset("views/item.js", PackageResources.item_js),
            UIAsset("views/import.js", PackageResources.import_js),
            UIAsset("views/run.js", PackageResources.run_js),
            UIAsset("views/validation.js", PackageResources.validation_js),
            UIAsset("views/sessions.js", PackageResources.sessions_js),
            UIAsset("views/adapters.js", PackageResources.adapters_js),
        ]
    )

    /// Builds the table: the version is hashed over every path and its bytes, and the index's
    /// `%VERSION%` placeholders are replaced with it.
    init(index: [UInt8], assets: [UIAsset]) {
        var hasher = StreamingHasher(.sha256)
        for asset in assets.sorted(by: { $0.path < $1.path }) {
            hasher.update(Array(asset.path.utf8) + [0])
            hasher.update(asset.bytes)
        }
        let version = String(hasher.finalize().prefix(16))
        let page = String(decoding: index, as: UTF8.self).replacingOccurrences(of: "%VERSION%", with: version)
        self.version = version
        self.index = UIAsset("index.html", Array(page.utf8))
        self.assets = Dictionary(uniqueKeysWithValues: assets.map { ($0.path, $0) })
    }
}
