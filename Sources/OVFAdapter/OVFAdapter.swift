//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel
import Foundation

/// The adapter for OVF packages (item type `ovf`): descriptor, manifest, certificate, or one `.ova`.
public struct OVFAdapter: TypeAdapter {
    public let info = TypeInfo(
        type: "ovf",
        name: "OVF",
        description: "OVF templates and OVA archives: descriptor, referenced files, manifest and signing certificate.",
        vendor: "ContentLibrary",
        version: "1.0"
    )

    public var warningDeclarations: [WarningDeclaration] { WarningDeclaration.certificateWarnings }

    /// Creates the adapter.
    public init() {}

    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        ValidationReport()  // PLACEHOLDER: filled by the OVF work
    }
}
