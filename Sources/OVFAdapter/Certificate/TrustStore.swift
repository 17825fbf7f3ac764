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
    /// The Debian/Ubuntu system bundle, used when no path is configured.
    static let defaultPath = "/etc/ssl/certs/ca-certificates.crt"

    /// The process-wide cache of parsed bundles.
    static let shared = TrustStore()

    /// Parsed stores by bundle path.
    private let stores = Mutex<[String: CertificateStore]>([:])

    /// The roots in the bundle at `path` (the system bundle when `nil`), parsed on first use.
    func roots(atPath path: String?) -> CertificateStore {
        let path = path ?? Self.defaultPath
        return self.stores.withLock { stores in
            if let store = stores[path] { return store }
            let store = Self.load(path)
            stores[path] = store
            return store
        }
    }

    /// Reads and parses a bundle; certificates that do not parse are skipped.
    private static func load(_ path: String) -> CertificateStore {
        guard let data = FileManager.default.contents(atPath: path) else { return CertificateStore() }
        let text = String(decoding: data, as: UTF8.self)
        return CertificateStore(PEMCertificate.blocks(in: text).compactMap { $0.parsed?.certificate })
    }
}
