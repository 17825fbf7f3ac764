//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core context plus the client's address,
/// which throttles failed logins.
struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer of the connection (a proxy's, behind one).
    let remoteAddress: SocketAddress?
    /// The event loop of the connection: a streamed response waits on it to keep its
    /// back-pressure current (`DownloadRoutes`).
    let eventLoop: any EventLoop
    /// The vAPI operation the request is, once a dialect has decoded it (request metrics).
    let operation = OperationNote()

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
        self.eventLoop = source.channel.eventLoop
    }

    /// The client's IP address as text, if known.
    var clientAddress: String? { self.remoteAddress?.ipAddress }
}
