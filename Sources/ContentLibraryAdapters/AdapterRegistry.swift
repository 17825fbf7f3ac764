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

    /// The item type of a set of files, from the adapters' file claims: the one place that
    /// answers for `validate --type auto` and for the type of an item `import` creates.
    ///
    /// An adapter claims the set when its FileClaim covers one of the names. When several do,
    /// the first of these rules that tells them apart wins:
    /// 1. a descriptor claim beats content claims (an OVF package that ships an ISO is an OVF package);
    /// 2. the adapter claiming more of the names (ten `.txt` files and a stray `.iso` are text);
    /// 3. the item type that sorts first, so the answer never depends on registration order.
    ///
    /// - Parameter names: the file names, as they would be uploaded.
    /// - Returns: the winning adapter's item type, or the fallback's when no adapter claims a name.
    public func itemType(forFileNames names: some Sequence<String>) -> String {
        let names = Array(names)
        var best: (priority: FileClaim.Priority, count: Int, itemType: String)?
        // `adapters` is sorted by type, so keeping the first of equals applies rule 3.
        for adapter in self.adapters {
            let claim = adapter.fileClaim
            let count = names.count { claim.claims(fileName: $0) }
            guard count > 0 else { continue }
            if let current = best, (claim.priority, count) <= (current.priority, current.count) { continue }
            best = (claim.priority, count, adapter.itemType)
        }
        return best?.itemType ?? self.fallback.itemType
    }

    /// Every adapter, the fallback included, sorted by item type: what `Type.list` shows.
    public var adapters: [any TypeAdapter] {
        var all = self.byType
        if all[self.fallback.itemType.lowercased()] == nil { all[self.fallback.itemType.lowercased()] = self.fallback }
        return all.keys.sorted().map { all[$0]! }
    }
}
