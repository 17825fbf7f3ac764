//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//


/// The adapters a server or the CLI knows, looked up by item type.
///
/// An empty or unknown type is served by the fallback (the generic-file adapter), as vCenter
/// treats items whose type has no plug-in as generic files.
///
/// ```swift
/// var registry = AdapterRegistry(fallback: GenericFileAdapter())
/// registry.register(MyAdapter())
/// let adapter = registry.adapter(forItemType: "my-type")
/// ```
public struct AdapterRegistry: Sendable {
    private var byType: [String: any TypeAdapter]
    /// The adapter for items with no type or an unknown one.
    public let fallback: any TypeAdapter

    /// Creates a registry with a fallback and further adapters.
    public init(fallback: any TypeAdapter, adapters: [any TypeAdapter] = []) {
        self.fallback = fallback
        self.byType = [:]
        for adapter in adapters { self.register(adapter) }
    }

    /// Registers an adapter; it replaces any adapter of the same item type (case-insensitive).
    public mutating func register(_ adapter: any TypeAdapter) {
        self.byType[adapter.itemType.lowercased()] = adapter
    }

    /// The adapter for an item type; the fallback for an empty, absent or unknown one.
    public func adapter(forItemType itemType: String?) -> any TypeAdapter {
        guard let itemType, !itemType.isEmpty else { return self.fallback }
        if let adapter = self.byType[itemType.lowercased()] { return adapter }
        if itemType.lowercased() == self.fallback.itemType.lowercased() { return self.fallback }
        return self.fallback
    }

    /// Whether an adapter other than the fallback serves this type.
    public func hasAdapter(forItemType itemType: String) -> Bool {
        self.byType[itemType.lowercased()] != nil
    }

    /// Every adapter, the fallback included, sorted by item type: what `Type.list` shows.
    public var adapters: [any TypeAdapter] {
        var all = self.byType
        if all[self.fallback.itemType.lowercased()] == nil { all[self.fallback.itemType.lowercased()] = self.fallback }
        return all.keys.sorted().map { all[$0]! }
    }
}
