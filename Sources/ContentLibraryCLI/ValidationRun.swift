//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation

/// One offline validation: the adapter chosen, its report, and the verdict under a warning policy.
///
/// The verdict rule is the one `complete` applies: errors fail, and so do warnings that the
/// policy does not ignore.
struct ValidationRun: Sendable {
    /// The item type validated as.
    var itemType: String
    /// The adapter's `Type.list` info.
    var adapter: TypeInfo
    /// What the adapter found.
    var report: ValidationReport
    /// The warnings, one per type, with their effective `ignored`.
    var warnings: [PreviewWarning]

    /// Whether the content would pass `complete`.
    var passed: Bool { !self.report.hasErrors && self.warnings.allSatisfy(\.ignored) }

    /// Runs the adapter for `itemType` over `content`.
    static func run(
        content: any ContentView,
        itemType: String,
        registry: AdapterRegistry,
        options: ValidationOptions,
        ignoring ignored: [WarningType]
    ) async -> ValidationRun {
        let adapter = registry.adapter(forItemType: itemType)
        let report = await adapter.validate(content, options: options)
        let behavior = ignored.map { WarningBehavior(type: $0, ignored: true) }
        let warnings = report.previewWarnings(
            policy: WarningPolicy(),
            sessionBehavior: behavior,
            declarations: adapter.warningDeclarations
        )
        return ValidationRun(itemType: adapter.itemType, adapter: adapter.info, report: report, warnings: warnings)
    }
}
