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
    /// - Parameters:
    ///   - trustedCAPaths: PEM files of certificate authorities whose signatures on OVF packages
    ///     are trusted besides the system CA bundle.
    ///   - maxDescriptorSize: the largest OVF descriptor read, in bytes; larger ones are refused unread.
    public static func standard(trustedCAPaths: [String] = [], maxDescriptorSize: Int = 8 << 20) -> AdapterRegistry {
        AdapterRegistry(
            fallback: GenericFileAdapter(),
            adapters: [OVFAdapter(configuration: .init(maxDescriptorSize: maxDescriptorSize, trustedCAPaths: trustedCAPaths)), ISOAdapter()]
        )
    }
}
