//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import NIOCore

/// The limits of PULL transfers and probes: how long to wait and how many redirects to follow.
///
/// A pull has no overall deadline (a large file may take hours); it fails when connecting or
/// waiting for the next bytes takes longer than these.
package struct FetchConfiguration: Hashable, Sendable {
    /// The longest wait for a TCP (and TLS) connection.
    package var connectTimeout: TimeAmount
    /// The longest wait for the next bytes of a response.
    package var readTimeout: TimeAmount
    /// The whole time a probe may take.
    package var probeTimeout: TimeAmount
    /// Redirects followed before a pull fails; a redirect back to a URL already visited fails at once.
    package var maxRedirects: Int

    /// Creates a configuration.
    package init(
        connectTimeout: TimeAmount = .seconds(10), readTimeout: TimeAmount = .seconds(60),
        probeTimeout: TimeAmount = .seconds(15), maxRedirects: Int = 5
    ) {
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.probeTimeout = probeTimeout
        self.maxRedirects = maxRedirects
    }
}
