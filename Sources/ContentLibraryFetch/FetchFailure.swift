//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import AsyncHTTPClient
import ContentLibraryServices
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Turns what AsyncHTTPClient, NIO and NIOSSL throw into a `SourceFetchError` with a sentence a
/// client can act on, so no transport error ever reaches the client unexplained.
enum FetchFailure {
    /// The `SourceFetchError` for any error raised while reading `url`.
    static func map(_ error: any Error, url: String, configuration: FetchConfiguration) -> SourceFetchError {
        if let error = error as? SourceFetchError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout:
                return SourceFetchError(.timedOut, "Connecting to \(url) timed out after \(Self.seconds(configuration.connectTimeout)).")
            case .readTimeout, .deadlineExceeded:
                return SourceFetchError(.timedOut, "\(url) sent no data for \(Self.seconds(configuration.readTimeout)).")
            case .redirectCycleDetected:
                return SourceFetchError(.redirects, "\(url) redirects in a loop.")
            case .redirectLimitReached:
                return SourceFetchError(.redirects, "\(url) redirects more than \(configuration.maxRedirects) times.")
            case .remoteConnectionClosed:
                return SourceFetchError(.connection, "\(url) closed the connection before the whole file was sent.")
            default:
                return SourceFetchError(.connection, "Reading \(url) failed: \(error).")
            }
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed(let reason):
                return SourceFetchError(.certificate, "The TLS handshake with \(url) failed: the server's certificate is not trusted (\(reason)).")
            default:
                return SourceFetchError(.connection, "The TLS connection to \(url) failed: \(error).")
            }
        }
        if error is NIOSSLExtraError {
            return SourceFetchError(.certificate, "The server's certificate is not valid for \(url): \(error).")
        }
        if let error = error as? NIOConnectionError {
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return SourceFetchError(.hostNotFound, "The host of \(url) was not found.")
            }
            let reasons = error.connectionErrors.map { "\($0.error)" }.joined(separator: "; ")
            return SourceFetchError(.connection, "Cannot connect to \(url): \(reasons.isEmpty ? "\(error)" : reasons).")
        }
        if let error = error as? SocketAddressError {
            if case .unknown = error { return SourceFetchError(.hostNotFound, "The host of \(url) was not found.") }
            return SourceFetchError(.hostNotFound, "The host of \(url) cannot be resolved: \(error).")
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return SourceFetchError(.timedOut, "Connecting to \(url) timed out after \(Self.seconds(configuration.connectTimeout)).")
        }
        if error is HTTPParserError {
            return SourceFetchError(.connection, "\(url) sent a malformed or truncated HTTP response (\(error)).")
        }
        if let error = error as? IOError {
            return SourceFetchError(.connection, "Cannot connect to \(url): \(error).")
        }
        return SourceFetchError(.connection, "Reading \(url) failed: \(error).")
    }

    /// The message of a non-2xx answer.
    static func status(_ status: HTTPResponseStatus, url: String) -> SourceFetchError {
        SourceFetchError(.httpStatus, "\(url) answered HTTP \(status.code) \(status.reasonPhrase).", status: Int(status.code))
    }

    static func seconds(_ amount: TimeAmount) -> String {
        let seconds = Double(amount.nanoseconds) / 1e9
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
