//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// A minimal package type with a preview, to drive the preview and warning rules of the
/// services without depending on a real format: `*.desc` is a kept metadata file, `*.sig` a
/// metadata file not kept (like an OVF certificate) that makes the package self-signed.
struct SignedTestAdapter: TypeAdapter {
    static let type = "signed-test"

    let info = TypeInfo(type: Self.type, name: "Signed test", description: "Test packages.", vendor: "Tests", version: "1.0")
    var warningDeclarations: [WarningDeclaration] { WarningDeclaration.certificateWarnings }

    var previewScope: PreviewScope { .metadataFiles }

    func role(ofFile fileName: String) -> FileRole {
        if fileName.hasSuffix(".desc") { return .metadata(kept: true) }
        if fileName.hasSuffix(".sig") { return .metadata(kept: false) }
        return .content
    }

    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        if !content.fileNames.contains(where: { $0.hasSuffix(".desc") }) {
            report.add(.missing("TEST-001", file: "package.desc", "The package has no descriptor."))
        }
        if let signature = content.fileNames.first(where: { $0.hasSuffix(".sig") }) {
            report.add(.warning("TEST-002", type: .selfSignedCertificate, file: signature, "The package signs itself."))
            report.preview = PreviewData(certificateInfo: CertificateInfo(issuer: "CN=Test", subject: "CN=Test", selfSigned: true, x509: "PEM"))
        }
        return report
    }
}
