//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
import ContentLibraryModel
public import Foundation

/// What every service shares: the stores, the adapters, the settings and the clock.
public struct ServiceContext: Sendable {
    /// The metadata store.
    public var metadata: any MetadataStore
    /// The content store.
    public var content: any ContentStore
    /// The registered type adapters.
    public var adapters: AdapterRegistry
    /// The settings.
    public var configuration: ServiceConfiguration
    /// Reads PULL sources; `nil` makes PULL `Unsupported` (a server without network access).
    public var fetcher: (any SourceFetcher)?
    /// The current time; tests replace it.
    public var now: @Sendable () -> Date
    /// New identifiers; tests may replace it.
    public var newID: @Sendable () -> String
    /// The adapters' verdicts behind the previews of ACTIVE sessions, shared by every copy of the context.
    public let previews = PreviewCache()

    /// Creates a context.
    public init(
        metadata: any MetadataStore,
        content: any ContentStore,
        adapters: AdapterRegistry,
        configuration: ServiceConfiguration,
        fetcher: (any SourceFetcher)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.metadata = metadata
        self.content = content
        self.adapters = adapters
        self.configuration = configuration
        self.fetcher = fetcher
        self.now = now
        self.newID = newID
    }
}
