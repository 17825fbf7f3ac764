//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// Items of type `text-notes`: every file must be UTF-8 text of at most 1 MiB.
struct TextNotesAdapter: TypeAdapter {
    let info = TypeInfo(
        type: "text-notes", name: "Text notes", description: "UTF-8 text files of at most 1 MiB.", vendor: "Example", version: "1.0"
    )
    let warningDeclarations: [WarningDeclaration] = []

    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        for file in content.files {
            guard file.size <= 1 << 20 else {
                report.add(contentsOf: [.error("NOTES-001", file: file.name, "\(file.name) is larger than 1 MiB.")])
                continue
            }
            do {
                let bytes = try await content.read(file.name, offset: 0, count: Int(file.size))
                if String(validating: bytes, as: UTF8.self) == nil {
                    report.add(contentsOf: [.error("NOTES-002", file: file.name, "\(file.name) is not UTF-8 text.")])
                }
            } catch {
                report.add(contentsOf: [.error("NOTES-003", file: file.name, "\(file.name) cannot be read: \(error).")])
            }
        }
        return report
    }
}
