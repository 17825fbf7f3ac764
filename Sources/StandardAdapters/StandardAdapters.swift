//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
import GenericFileAdapter
import ISOAdapter
import OVFAdapter

extension AdapterRegistry {
    /// The built-in adapters as one value: OVF, ISO, and the generic adapter as fallback.
    ///
    /// A server with extra adapters starts from this and registers its own:
    /// ```swift
    /// var registry = AdapterRegistry.standard()
    /// registry.register(QCOW2Adapter())
    /// ```
    public static func standard() -> AdapterRegistry {
        AdapterRegistry(fallback: GenericFileAdapter(), adapters: [OVFAdapter(), ISOAdapter()])
    }
}
