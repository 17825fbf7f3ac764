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
    ///
    /// - Parameter trustedCAPaths: PEM files of certificate authorities whose signatures on OVF
    ///   packages are trusted besides the system CA bundle.
    public static func standard(trustedCAPaths: [String] = []) -> AdapterRegistry {
        AdapterRegistry(
            fallback: GenericFileAdapter(),
            adapters: [OVFAdapter(configuration: .init(trustedCAPaths: trustedCAPaths)), ISOAdapter()]
        )
    }
}
