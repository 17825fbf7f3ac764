//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// What the legacy `updatesession/file?~action=probe` reports about a transfer endpoint.
///
/// govc calls it before a PULL import when its own HEAD request fails (contract §1.2), and reads
/// `ssl_thumbprint` from a `CERTIFICATE_ERROR` to offer pinning the server's certificate.
public struct ProbeResult: Hashable, Codable, Sendable {
    /// The outcome of the probe, as the vSphere API names it.
    public enum Status: String, Hashable, Codable, Sendable, CaseIterable {
        /// The source answered and can be pulled.
        case success = "SUCCESS"
        /// The URI is malformed, has an unsupported scheme, or is not allowed.
        case invalidURL = "INVALID_URL"
        /// The host did not answer in time.
        case timedOut = "TIMED_OUT"
        /// The host name does not resolve.
        case hostNotFound = "HOST_NOT_FOUND"
        /// The server answered that the resource does not exist.
        case resourceNotFound = "RESOURCE_NOT_FOUND"
        /// The server refused the request for lack of (valid) credentials.
        case invalidCredentials = "INVALID_CREDENTIALS"
        /// The server's certificate is not trusted or does not match the pinned one.
        case certificateError = "CERTIFICATE_ERROR"
        /// Any other failure; `error_messages` says what.
        case unknownError = "UNKNOWN_ERROR"
    }

    /// The outcome.
    public var status: Status
    /// SHA-1 thumbprint of the server's leaf certificate, colon-separated upper-case hex, when one was seen.
    public var sslThumbprint: String?
    /// The server's leaf certificate in PEM, when one was seen.
    public var sslCertificate: String?
    /// Why the probe did not succeed.
    public var errorMessages: [LocalizableMessage]?

    /// Creates a result.
    public init(status: Status, sslThumbprint: String? = nil, sslCertificate: String? = nil, errorMessages: [LocalizableMessage]? = nil) {
        self.status = status
        self.sslThumbprint = sslThumbprint
        self.sslCertificate = sslCertificate
        self.errorMessages = errorMessages
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status
        case sslThumbprint = "ssl_thumbprint"
        case sslCertificate = "ssl_certificate"
        case errorMessages = "error_messages"
    }
}

extension ProbeResult: VAPIStructure {
    /// The binding type on the vAPI wire.
    public static let vapiStructureID = "com.vmware.content.library.item.updatesession.file.probe_result"
}
