//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel

/// The adapter for ISO 9660 / UDF images (item type `iso`).
///
/// Every file of the item is checked as an image (an ISO item normally holds one) by
/// ISOImageCheck, reading a few sectors only; then each file is checked against the size and
/// checksum its client declared (ISO-014, ISO-013).
public struct ISOAdapter: TypeAdapter {
    /// What `Type.list` shows for item type `iso`.
    public let info = TypeInfo(
        type: "iso",
        name: "ISO image",
        description: "ISO 9660 and UDF disc images: volume descriptors, size and truncation, Joliet, El Torito.",
        vendor: "ContentLibrary",
        version: "1.0"
    )

    /// `ISO_LAYOUT`, ignored by default: layout oddities such as trailing bytes or a damaged
    /// boot catalog rarely stop an image from being used, so they inform rather than block.
    public let warningDeclarations: [WarningDeclaration] = [
        WarningDeclaration(
            type: ISOLayout.warningType,
            ignoredByDefault: true,
            description: "The ISO image has a layout oddity: trailing or odd-sized data, a damaged El Torito boot catalog, a UDF-only or unanchored UDF file system, or an unusual block size."
        )
    ]

    /// Disc images, by their `.iso` extension.
    public let fileClaim = FileClaim(extensions: ["iso"])

    /// Creates the adapter.
    public init() {}

    /// Checks every file as an image, then against its declared size and checksum.
    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        for file in content.files {
            report.add(contentsOf: await ISOImageCheck(file: file, content: content).findings())
        }
        report.add(contentsOf: await DeclaredIntegrityCheck(sizeRule: "ISO-014", checksumRule: "ISO-013").findings(in: content))
        return report
    }
}
