//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation

/// Checks a package's signing certificate (the CERT-* rules) and describes it for the preview.
struct CertificateCheck: Sendable {
    /// What the check found and the preview data for the signer.
    struct Outcome: Sendable {
        var findings: [Finding] = []
        var preview: PreviewData?
    }

    /// PEM path of the trusted roots; `nil` means the system CA bundle.
    var trustStorePath: String?

    /// Checks `certificateName` of `content`.
    /// - Parameters:
    ///   - certificateName: the `.cert`.
    ///   - manifestName: the package manifest, or `nil` when there is none (CERT-001).
    ///   - content: the package's files.
    ///   - now: the time validity is checked against.
    func check(
        certificateName: String,
        manifestName: String?,
        content: any ContentView,
        now: Date
    ) async -> Outcome {
        Outcome()  // PLACEHOLDER: filled by the certificate work
    }
}
