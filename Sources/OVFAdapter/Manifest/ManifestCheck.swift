//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// Checks a package manifest (the MF-* rules) against the descriptor's references and the content.
struct ManifestCheck: Sendable {
    /// What the check found and the entries it parsed.
    struct Outcome: Sendable {
        var findings: [Finding] = []
        var entries: [ManifestEntry] = []
    }

    /// Checks `manifestName` of `content`.
    /// - Parameters:
    ///   - manifestName: the `.mf` whose base name matches the descriptor.
    ///   - descriptorName: the `.ovf`.
    ///   - references: the descriptor's References.
    ///   - content: the package's files; digests come from `content.digest(of:algorithm:)`.
    func check(
        manifestName: String,
        descriptorName: String,
        references: [FileReference],
        content: any ContentView
    ) async -> Outcome {
        Outcome()  // PLACEHOLDER: filled by the manifest work
    }
}
