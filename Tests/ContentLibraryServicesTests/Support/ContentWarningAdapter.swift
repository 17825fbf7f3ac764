//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// An item type without metadata files, as ISO, QCOW2 and most external adapters are: a file
/// whose text starts with `warn ` gets a typed warning, one starting with `bad ` is invalid.
struct ContentWarningAdapter: TypeAdapter {
    static let type = "test-content"
    /// A warning type this adapter declares as blocking.
    static let odd: WarningType = "ODD_CONTENT"

    let info = TypeInfo(type: ContentWarningAdapter.type, name: "Test content", description: "Files with directives.", vendor: "tests", version: "1")
    let warningDeclarations = [WarningDeclaration(type: ContentWarningAdapter.odd, ignoredByDefault: false, description: "The content is odd.")]

    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        for file in content.files {
            let text = String(decoding: (try? await content.readAll(file.name, limit: 1 << 16)) ?? [], as: UTF8.self)
            if text.hasPrefix("warn ") { report.add(.warning("CNT-001", type: Self.odd, file: file.name, "\(file.name) is odd.")) }
            if text.hasPrefix("bad ") { report.add(.error("CNT-002", file: file.name, "\(file.name) is bad.")) }
        }
        return report
    }
}
