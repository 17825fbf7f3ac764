//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel

/// The adapter for items with no type or a type nobody registered: files with no structure.
///
/// It checks only what holds for any file: a safe name, the size and the checksum the client
/// declared. It claims no file name (FileClaim.nothing): files no other adapter claims come to
/// it as the registry's fallback.
public struct GenericFileAdapter: TypeAdapter {
    /// The item type this adapter answers to in `Type.list`.
    public static let itemType = "generic"

    public let info = TypeInfo(
        type: GenericFileAdapter.itemType,
        name: "Generic file",
        description: "Files of any kind, stored as they are; only sizes and declared checksums are verified.",
        vendor: "ContentLibrary",
        version: "1.0"
    )

    public let warningDeclarations: [WarningDeclaration] = []

    /// Creates the adapter.
    public init() {}

    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        for file in content.files {
            if let reason = FileNameRule.violation(in: file.name) {
                report.add(.error("GEN-003", file: file.name, "Unsafe file name: \(reason).", args: [file.name]))
            }
        }
        report.add(contentsOf: await DeclaredIntegrityCheck(sizeRule: "GEN-001", checksumRule: "GEN-002").findings(in: content))
        return report
    }
}
