//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// A small item type for service tests, whose findings the test writes itself.
///
/// A `*.desc` file is the package's descriptor (metadata, kept): each line is a directive,
/// `warn TYPE text` (a typed warning), `needs NAME` (NAME is missing unless added) or `bad text`
/// (the descriptor is invalid). A `*.sig` file is metadata that is not kept in the item. Other
/// files are content.
struct PackageAdapter: TypeAdapter {
    static let type = "test-package"
    /// A warning type this adapter declares as blocking.
    static let unsigned: WarningType = "UNSIGNED_PACKAGE"

    let info = TypeInfo(type: PackageAdapter.type, name: "Test package", description: "Descriptors with directives.", vendor: "tests", version: "1")
    let warningDeclarations = [WarningDeclaration(type: PackageAdapter.unsigned, ignoredByDefault: false, description: "The package is not signed.")]

    let previewScope = PreviewScope.metadataFiles

    func role(ofFile fileName: String) -> FileRole {
        if fileName.hasSuffix(".desc") { return .metadata(kept: true) }
        if fileName.hasSuffix(".sig") { return .metadata(kept: false) }
        return .content
    }

    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        for file in content.files where file.name.hasSuffix(".desc") {
            guard let bytes = try? await content.readAll(file.name, limit: 1 << 16) else {
                report.add(.error("PKG-001", file: file.name, "\(file.name) cannot be read."))
                continue
            }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let words = line.split(separator: " ", maxSplits: 2).map(String.init)
                switch (words.first, words.count) {
                case ("warn", 3):
                    report.add(.warning("PKG-002", type: WarningType(rawValue: words[1]), file: file.name, words[2]))
                case ("needs", 2) where content.file(named: words[1]) == nil:
                    report.add(.missing("PKG-003", file: words[1], "\(file.name) needs \(words[1])."))
                case ("bad", _):
                    report.add(.error("PKG-004", file: file.name, words.dropFirst().joined(separator: " ")))
                default:
                    break
                }
            }
        }
        return report
    }
}
