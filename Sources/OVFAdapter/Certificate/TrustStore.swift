//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization
import X509

/// The trusted root certificates, read from a PEM bundle and kept for the life of the process.
///
/// The system bundle holds well over a hundred certificates; parsing it on every check would
/// dominate the certificate check, so each path is parsed once, under a lock, and shared. An
/// unreadable bundle is an empty store (every chain is then UNTRUSTED_CERTIFICATE), and that
/// answer is cached too: the trust store is configuration, not something that changes per upload.
final class TrustStore: Sendable {
    /// The certificates of one bundle, indexed for the Verifier and as a set for exact matches.
    struct Roots: Sendable, Equatable {
        /// The bundle as the Verifier's root store.
        var store: CertificateStore
        /// The same certificates, to trust a signer that is itself in the bundle.
        var certificates: Set<Certificate>
    }

    /// The Debian/Ubuntu system bundle, used when no path is configured.
    static let defaultPath = "/etc/ssl/certs/ca-certificates.crt"

    /// The process-wide cache of parsed bundles.
    static let shared = TrustStore()

    /// Parsed bundles by path.
    private let bundles = Mutex<[String: Roots]>([:])

    /// The roots in the bundle at `path` (the system bundle when `nil`), parsed on first use.
    func roots(atPath path: String?) -> Roots {
        let path = path ?? Self.defaultPath
        return self.bundles.withLock { bundles in
            if let roots = bundles[path] { return roots }
            let roots = Self.load(path)
            bundles[path] = roots
            return roots
        }
    }

    /// The roots of the bundle at `path` together with those of each file in `extra`.
    /// The union is built once per combination and kept, like the bundles themselves.
    func roots(atPath path: String?, adding extra: [String]) -> Roots {
        guard !extra.isEmpty else { return self.roots(atPath: path) }
        let key = ([path ?? Self.defaultPath] + extra).joined(separator: "\n")
        if let roots = self.bundles.withLock({ $0[key] }) { return roots }
        let certificates = extra.reduce(into: self.roots(atPath: path).certificates) { $0.formUnion(self.roots(atPath: $1).certificates) }
        let roots = Roots(store: CertificateStore(Array(certificates)), certificates: certificates)
        self.bundles.withLock { $0[key] = roots }
        return roots
    }

    /// Reads and parses a bundle; certificates that do not parse are skipped.
    private static func load(_ path: String) -> Roots {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Roots(store: CertificateStore(), certificates: [])
        }
        let certificates = PEMCertificate.blocks(in: String(decoding: data, as: UTF8.self)).compactMap {
            $0.parsed?.certificate
        }
        return Roots(store: CertificateStore(certificates), certificates: Set(certificates))
    }
}
