//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import NIOConcurrencyHelpers
import NIOSSL

/// The server's certificate and key, read from PEM files, and the TLS context built from them;
/// `reload()` reads the files again (SIGHUP) so a renewed certificate is served to every new
/// connection without a restart. A reload that fails keeps the identity in force.
final class TLSIdentity: Sendable {
    /// The certificate chain file (the server's certificate first).
    let certificatePath: String
    /// The private key file.
    let keyPath: String
    private let context: NIOLockedValueBox<NIOSSLContext>

    /// Reads the files; throws when they cannot be read or do not match.
    init(certificatePath: String, keyPath: String) throws {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.context = NIOLockedValueBox(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    /// The context new connections use.
    var current: NIOSSLContext { self.context.withLockedValue { $0 } }

    /// Reads the files again and, when they are good, serves them to new connections.
    func reload() throws {
        let fresh = try Self.load(certificatePath: self.certificatePath, keyPath: self.keyPath)
        self.context.withLockedValue { $0 = fresh }
    }

    private static func load(certificatePath: String, keyPath: String) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return try NIOSSLContext(configuration: configuration)
    }
}
