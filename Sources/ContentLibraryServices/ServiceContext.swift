//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryAdapters
import ContentLibraryModel
package import Foundation
package import Logging

/// What every service shares: the stores, the adapters, the settings and the clock.
package struct ServiceContext: Sendable {
    /// The metadata store.
    package var metadata: any MetadataStore
    /// The content store.
    package var content: any ContentStore
    /// The registered type adapters.
    package var adapters: AdapterRegistry
    /// The settings.
    package var configuration: ServiceConfiguration
    /// Reads PULL sources; `nil` makes PULL `Unsupported` (a server without network access).
    package var fetcher: (any SourceFetcher)?
    /// The current time; tests replace it.
    package var now: @Sendable () -> Date
    /// New identifiers; tests may replace it.
    package var newID: @Sendable () -> String
    /// The adapters' verdicts behind the previews of ACTIVE sessions, shared by every copy of the context.
    package let previews = PreviewCache()
    /// The failed logins remembered, shared by every copy of the context.
    package let loginThrottle: LoginThrottle
    /// Recently used API session tokens, shared by every copy of the context.
    package let apiSessions = APISessionCache()
    /// Where the services log what an operator should know (refused logins).
    package var logger: Logger
    /// Where the services count what happens (transfers, bytes, validations); nothing by default.
    package var metrics: ServiceMetrics

    /// Creates a context.
    package init(
        metadata: any MetadataStore,
        content: any ContentStore,
        adapters: AdapterRegistry,
        configuration: ServiceConfiguration,
        fetcher: (any SourceFetcher)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        logger: Logger = Logger(label: "content-library"),
        metrics: ServiceMetrics = .disabled
    ) {
        self.metrics = metrics
        self.loginThrottle = LoginThrottle(policy: configuration.loginThrottle)
        self.logger = logger
        self.metadata = metadata
        self.content = content
        self.adapters = adapters
        self.configuration = configuration
        self.fetcher = fetcher
        self.now = now
        self.newID = newID
    }
}
