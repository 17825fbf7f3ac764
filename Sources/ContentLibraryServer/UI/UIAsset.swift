//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// One file of the browser UI, as it is compiled into the binary: its path under the asset
/// folder, its bytes, its media type and the SHA-256 of its bytes (its `ETag`).
struct UIAsset: Sendable {
    /// The path under `/ui/v/<version>/`, e.g. `views/import.js`.
    let path: String
    /// The bytes served.
    let bytes: [UInt8]
    /// The `Content-Type` it is served with.
    let contentType: String
    /// The SHA-256 of `bytes`, lower-case hex.
    let sha256: String

    /// An asset whose media type follows from its extension.
    init(_ path: String, _ bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.contentType = Self.contentType(of: path)
        self.sha256 = StreamingHasher.digest(bytes, algorithm: .sha256)
    }

    /// The media type of a UI file by its extension. JavaScript modules must be `text/javascript`,
    /// or the browser refuses them (with `X-Content-Type-Options: nosniff`, strictly so).
    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        default: "application/octet-stream"
        }
    }
}
