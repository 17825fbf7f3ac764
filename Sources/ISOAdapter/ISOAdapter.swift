//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel

/// The adapter for ISO 9660 / UDF images (item type `iso`).
public struct ISOAdapter: TypeAdapter {
    public let info = TypeInfo(
        type: "iso",
        name: "ISO image",
        description: "ISO 9660 and UDF disc images: volume descriptors, size and truncation, Joliet, El Torito.",
        vendor: "ContentLibrary",
        version: "1.0"
    )

    public let warningDeclarations: [WarningDeclaration] = []

    /// Creates the adapter.
    public init() {}

    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        ValidationReport()  // PLACEHOLDER: filled by the ISO work
    }
}
