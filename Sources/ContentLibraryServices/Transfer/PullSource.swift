//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
package import Foundation

/// A PULL `source_endpoint` checked and taken apart: what a `SourceFetcher` is asked to read.
///
/// Every rule about which sources are acceptable lives here, so that `add` refuses a bad one at
/// once (`InvalidArgument`, `Unsupported`, `Unauthorized`) and a transfer never starts on it.
package struct PullSource: Hashable, Sendable {
    /// Where the bytes are.
    package enum Location: Hashable, Sendable {
        /// An `http` or `https` URL.
        case web(URL)
        /// A local file, already resolved and inside an import root.
        case file(path: String)
    }

    /// The URI as the client gave it, for messages.
    package var uri: String
    /// Where the bytes are.
    package var location: Location
    /// The certificate an `https` source must present; `nil` means ordinary TLS verification.
    package var pin: CertificatePin?

    /// Creates a source directly (tests and fetchers).
    package init(uri: String, location: Location, pin: CertificatePin? = nil) {
        self.uri = uri
        self.location = location
        self.pin = pin
    }

    /// Checks an endpoint: `http`/`https` URLs with a host, `file` URLs inside `importRoots`;
    /// `ds` is `Unsupported`; anything else is `InvalidArgument`.
    /// - Throws: `InvalidArgument` for a malformed URI or pin, `Unsupported` for `ds`,
    ///   `Unauthorized` for a file outside every import root.
    package init(_ endpoint: TransferEndpoint, importRoots: ImportRoots) throws(APIError) {
        let uri = endpoint.uri.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased() else {
            throw ServiceError.invalidArgument(
                "file.source_endpoint.uri", "The source endpoint URI '\(endpoint.uri)' is not a valid absolute URI.", args: [endpoint.uri]
            )
        }
        self.uri = uri
        self.pin = try CertificatePin(endpoint)
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty, let url = components.url else {
                throw ServiceError.invalidArgument(
                    "file.source_endpoint.uri", "The source endpoint URI '\(uri)' has no host.", args: [uri]
                )
            }
            self.location = .web(url)
        case "file":
            let host = components.host ?? ""
            guard host.isEmpty || host.lowercased() == "localhost", components.percentEncodedPath.hasPrefix("/") else {
                throw ServiceError.invalidArgument(
                    "file.source_endpoint.uri", "The file URI '\(uri)' must be file:///absolute/path on this server.", args: [uri]
                )
            }
            let path = components.path
            guard let resolved = importRoots.contain(path) else {
                throw APIError(
                    .unauthorized, id: "com.vmware.content.library.item.updatesession.file.import_root",
                    "The file source \(path) is not inside an import root of this server; an operator allows folders with `serve --import-root DIR`.",
                    args: [path]
                )
            }
            self.location = .file(path: resolved)
        case "ds":
            throw APIError(
                .unsupported, id: "com.vmware.content.library.item.updatesession.file.scheme_unsupported",
                "Datastore URIs (ds://) are not supported by this server; pull from http, https or file instead.", args: [uri]
            )
        default:
            throw ServiceError.invalidArgument(
                "file.source_endpoint.uri",
                "The source endpoint scheme '\(scheme)' is not supported; use http, https or file.", args: [uri, scheme]
            )
        }
    }

    /// Whether this is a `file` source (which needs `ContentLibrary.ReadStorage`).
    package var isFile: Bool {
        if case .file = self.location { return true }
        return false
    }
}
