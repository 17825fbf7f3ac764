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
///
/// `validate` finds the descriptor (or unwraps a lone `.ova` through OVAArchive), runs the
/// descriptor rules (formats.md §1.13), then, unless only the descriptor is asked for, the rules
/// that need the referenced files, the manifest check, and the client-declared sizes and
/// checksums; the certificate is checked whenever the package has one.
///
/// Project-policy rule ids beyond the catalogue:
/// - `OVF-PKG-001`: several `.ovf` (or, without one, several `.ova`) in one item; the first in
///   name order is validated.
/// - `OVF-PKG-002`: no descriptor at all. With files present it is an error on the first file
///   (in name order); with no files it is a missing file named `*.ovf` (there is no name to give,
///   and `missing_files` is where a client looks for what to add).
/// - `OVF-REF-013`: a file present but not referenced (see PackageContentRules).
/// - `OVF-REF-014`/`-015`: client-declared size/checksum mismatch (DeclaredIntegrityCheck).
public struct OVFAdapter: TypeAdapter {
    /// What the adapter can be tuned with.
    public struct Configuration: Sendable {
        /// The largest descriptor read, in bytes (OVF-XML-003); larger ones are refused unread.
        public var maxDescriptorSize: Int
        /// PEM file of trusted roots for package signatures; `nil` means the system CA bundle.
        public var trustStorePath: String?
        /// PEM files of certificate authorities trusted besides the bundle (`--trusted-ca`), e.g. an
        /// organisation's own CA that signs its templates.
        public var trustedCAPaths: [String]

        /// Creates a configuration.
        public init(maxDescriptorSize: Int = 8 << 20, trustStorePath: String? = nil, trustedCAPaths: [String] = []) {
            self.maxDescriptorSize = maxDescriptorSize
            self.trustStorePath = trustStorePath
            self.trustedCAPaths = trustedCAPaths
        }
    }

    /// What `Type.list` shows for item type `ovf`.
    public let info = TypeInfo(
        type: "ovf",
        name: "OVF",
        description: "OVF templates and OVA archives: descriptor, referenced files, manifest and signing certificate.",
        vendor: "ContentLibrary",
        version: "1.0"
    )

    /// The certificate warnings of the vSphere API plus the OVF-specific types.
    public var warningDeclarations: [WarningDeclaration] {
        WarningDeclaration.certificateWarnings + WarningDeclaration.ovfWarnings
    }

    /// Descriptors and OVA archives: a set holding one is an OVF package whatever else it holds
    /// (its disks, an ISO it ships), so the claim outranks content claims.
    public let fileClaim = FileClaim(extensions: ["ovf", "ova"], priority: .descriptor)

    /// The configuration in force.
    public let configuration: Configuration

    /// Creates the adapter.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// The descriptor is kept; the manifest and certificate only drive validation and the preview.
    public func role(ofFile fileName: String) -> FileRole {
        switch Self.fileExtension(fileName) {
        case "ovf", "ova": .metadata(kept: true)
        case "mf", "cert": .metadata(kept: false)
        default: .content
        }
    }

    /// The preview reads the descriptor, manifest and certificate while the disks may still upload.
    public var previewScope: PreviewScope { .metadataFiles }

    /// The preview is complete once a descriptor (or an OVA holding one) is among the files: a
    /// manifest or certificate alone says nothing about the package yet.
    public func isPreviewComplete(metadataFiles: [String]) -> Bool {
        metadataFiles.contains { ["ovf", "ova"].contains(Self.fileExtension($0)) }
    }

    /// Refuses a manifest or certificate added once the session already holds a descriptor:
    /// a package's manifest and signature must be in place when its descriptor arrives.
    public func checkAdd(fileName: String, sessionFiles: [String]) throws(APIError) {
        let fileExtension = Self.fileExtension(fileName)
        guard fileExtension == "mf" || fileExtension == "cert" else { return }
        guard let descriptor = sessionFiles.first(where: { Self.fileExtension($0) == "ovf" }) else { return }
        throw APIError(
            .notAllowedInCurrentState,
            id: "com.vmware.content.library.item.updatesession.file.metadata_after_descriptor",
            "The \(fileExtension == "mf" ? "manifest" : "certificate") '\(fileName)' cannot be added after the descriptor '\(descriptor)'; add it before the descriptor.",
            args: [fileName, descriptor]
        )
    }

    /// Validates an OVF package, or a lone `.ova` holding one; see the type's documentation.
    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        let names = content.fileNames.sorted()
        let descriptors = names.filter { Self.fileExtension($0) == "ovf" }
        if let descriptor = descriptors.first {
            var report = ValidationReport()
            if descriptors.count > 1 {
                report.add(contentsOf: descriptors.dropFirst().map { other in
                    .error(
                        "OVF-PKG-001", file: other,
                        "\(other): the item holds several OVF descriptors (\(descriptors.joined(separator: ", "))); only \(descriptor) is used.",
                        args: [other, descriptor]
                    )
                })
            }
            report.merge(await self.validatePackage(content, descriptorName: descriptor, options: options).report)
            report.add(contentsOf: await DeclaredIntegrityCheck(sizeRule: "OVF-REF-014", checksumRule: "OVF-REF-015").findings(in: content))
            return report
        }
        let archives = names.filter { Self.fileExtension($0) == "ova" }
        if let archive = archives.first {
            var report = ValidationReport()
            if archives.count > 1 {
                report.add(contentsOf: archives.dropFirst().map { other in
                    .error("OVF-PKG-001", file: other, "\(other): the item holds several OVA archives; only \(archive) is used.", args: [other, archive])
                })
            }
            report.merge(await self.validateArchive(archive, in: content, options: options))
            return report
        }
        var report = ValidationReport()
        if let first = names.first {
            report.add(.error(
                "OVF-PKG-002", file: first,
                "\(first): the item holds no OVF descriptor (.ovf) and no OVA archive (.ova).",
                args: [first]
            ))
        } else {
            report.add(.missing("OVF-PKG-002", file: "*.ovf", "The item holds no files; an OVF descriptor (.ovf) or an OVA archive (.ova) is needed."))
        }
        report.add(contentsOf: await DeclaredIntegrityCheck(sizeRule: "OVF-REF-014", checksumRule: "OVF-REF-015").findings(in: content))
        return report
    }

    /// Validates the package whose descriptor is `descriptorName`, without the declared-integrity check.
    /// - Parameter inArchive: the content is the members of an OVA, whose extra members are the
    ///   archive's layout warnings (OVA-011), not unreferenced-file errors.
    func validatePackage(
        _ content: any ContentView, descriptorName: String, options: ValidationOptions, inArchive: Bool = false
    ) async -> (report: ValidationReport, references: [FileReference]) {
        var report = ValidationReport()
        let outcome = await DescriptorValidator(maxDescriptorSize: self.configuration.maxDescriptorSize).validate(descriptorName, in: content)
        report.add(contentsOf: outcome.findings)
        let references = outcome.descriptor?.references ?? []
        let base = PackageContentRules.baseName(descriptorName)
        let manifestName = content.file(named: base + ".mf") != nil ? base + ".mf" : nil
        if let descriptor = outcome.descriptor, !options.descriptorOnly {
            report.add(contentsOf: await PackageContentRules(descriptor: descriptor, unreferencedFilesAreErrors: !inArchive).findings(in: content))
            if let manifestName {
                let manifest = await ManifestCheck().check(
                    manifestName: manifestName, descriptorName: descriptorName, references: references, content: content
                )
                report.add(contentsOf: manifest.findings)
            } else {
                report.add(contentsOf: ManifestCheck.strayManifests(
                    descriptorName: descriptorName, manifestName: nil, references: references, content: content
                ))
            }
        }
        if content.file(named: base + ".cert") != nil {
            let certificate = await CertificateCheck(trustStorePath: self.configuration.trustStorePath, trustedCAPaths: self.configuration.trustedCAPaths).check(
                certificateName: base + ".cert", manifestName: manifestName, content: content, now: options.now
            )
            report.merge(ValidationReport(findings: certificate.findings, preview: certificate.preview))
        }
        return (report, references)
    }

    /// Validates a lone `.ova`: its tar layout, then the package inside it, with findings about
    /// members reported against the `.ova` (message prefixed by the member name, line kept).
    func validateArchive(_ ovaName: String, in content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        await self.validate(archive: OVAArchive.read(ovaName, from: content), in: content, options: options)
    }

    /// Validates an archive already read: its own findings, the package in its members, and
    /// the layout rules that need the descriptor.
    func validate(archive: OVAArchive, in content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        let ovaName = archive.ovaName
        var report = ValidationReport()
        report.add(contentsOf: archive.findings)
        let view = archive.view(over: content)
        let descriptors = view.fileNames.filter { Self.fileExtension($0) == "ovf" }
        if let descriptor = descriptors.first {
            let (inner, references) = await self.validatePackage(view, descriptorName: descriptor, options: options, inArchive: true)
            report.merge(ValidationReport(findings: inner.findings.map { Self.attribute($0, toArchive: ovaName) }, preview: inner.preview))
            report.add(contentsOf: archive.layoutFindings(descriptorName: descriptor, references: references))
        } else if !archive.findings.contains(where: { $0.severity == .error }) {
            report.add(.error("OVF-PKG-002", file: ovaName, "\(ovaName): the OVA archive holds no OVF descriptor (.ovf).", args: [ovaName]))
        }
        report.add(contentsOf: await DeclaredIntegrityCheck(sizeRule: "OVF-REF-014", checksumRule: "OVF-REF-015").findings(in: content))
        return report
    }

    /// A finding about an archive member, restated against the archive: a client can only act on
    /// the `.ova`. Missing members keep their name, since that is what `missing_files` lists.
    static func attribute(_ finding: Finding, toArchive ovaName: String) -> Finding {
        guard !finding.isMissingFile, let member = finding.file, member != ovaName else { return finding }
        var restated = finding
        restated.file = ovaName
        if !finding.message.defaultMessage.hasPrefix(member + ":") {
            restated.message.defaultMessage = "\(member): " + finding.message.defaultMessage
        }
        return restated
    }

    /// The lower-cased extension of a file name (`""` when none).
    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
