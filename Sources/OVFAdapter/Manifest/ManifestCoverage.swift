//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// `OVF_PACKAGE_CONTENT`, declared by the OVF adapter; spelled here so this file does not depend on it.
private let packageContentWarning = WarningType(rawValue: "OVF_PACKAGE_CONTENT")

/// Which files a manifest must list and which it may not: MF-008, MF-009 and MF-010.
///
/// DSP0243 asks for a digest of every referenced file and of nothing else; every real manifest
/// also lists the descriptor. A chunked file may be listed per part (as ovftool writes it) or
/// whole (formats.md §1.11 could not settle which): either satisfies MF-008.
struct ManifestCoverage: Sendable {
    /// The manifest's session name, the file MF-008 to MF-010 findings are on.
    var manifestName: String
    /// The descriptor's session name.
    var descriptorName: String
    /// The descriptor's References.
    var references: [FileReference]
    /// The names of the files in the content.
    var present: Set<String>
    /// The sizes of the files in the content, by name.
    var sizes: [String: Int64]

    /// Creates the coverage rules for a package whose content holds `files`.
    init(manifestName: String, descriptorName: String, references: [FileReference], files: [ContentFile]) {
        self.manifestName = manifestName
        self.descriptorName = descriptorName
        self.references = references
        self.sizes = Dictionary(files.map { ($0.name, $0.size) }, uniquingKeysWith: { _, last in last })
        self.present = Set(self.sizes.keys)
    }

    /// Whether `name` belongs to the package: the descriptor, a referenced file, or a part of a chunked one.
    func isPackageFile(_ name: String) -> Bool {
        name == self.descriptorName || self.references.contains { $0.href == name || Self.isPart(name, of: $0) }
    }

    /// For a chunked file listed whole and not itself in the content, its parts in order, when
    /// all are present (their sizes add up to `ovf:size`, or no size is declared); otherwise `nil`.
    func presentParts(ofWhole name: String) -> [String]? {
        guard let reference = self.references.first(where: { $0.href == name && $0.chunkSize != nil }) else {
            return nil
        }
        let parts = reference.expectedPartNames(present: self.present).filter { self.present.contains($0) }
        guard !parts.isEmpty else { return nil }
        if let size = reference.size, parts.reduce(0, { $0 + (self.sizes[$1] ?? 0) }) != size { return nil }
        return parts
    }

    /// The coverage findings for the manifest's valid entries.
    func findings(for entries: [ManifestEntry]) -> [Finding] {
        let listed = Set(entries.map(\.fileName))
        var findings: [Finding] = []
        var seen: Set<String> = []
        for reference in self.references where seen.insert(reference.href).inserted {
            findings += self.missingEntries(for: reference, listed: listed)
        }
        if !listed.contains(self.descriptorName) {
            findings.append(
                .warning(
                    "MF-009", type: packageContentWarning, file: self.manifestName,
                    "\(self.manifestName) does not list the descriptor \(self.descriptorName), so its integrity is "
                        + "not protected by the manifest"
                )
            )
        }
        for entry in entries where !self.isPackageFile(entry.fileName) {
            findings.append(
                .warning(
                    "MF-010", type: packageContentWarning, file: self.manifestName, line: entry.line,
                    "\(self.manifestName) line \(entry.line) lists \(entry.fileName), which is neither the descriptor "
                        + "nor a file it references; the entry is ignored"
                )
            )
        }
        return findings
    }

    /// MF-008 for one reference: an error per file (or chunk) with no entry.
    private func missingEntries(for reference: FileReference, listed: Set<String>) -> [Finding] {
        if listed.contains(reference.href) { return [] }
        var unlisted = [reference.href]
        if reference.chunkSize != nil {
            let parts = reference.expectedPartNames(present: self.present).filter { self.present.contains($0) }
            if parts.isEmpty {
                if listed.contains(where: { Self.isPart($0, of: reference) }) { return [] }
            } else {
                unlisted = parts.filter { !listed.contains($0) }
            }
        }
        return unlisted.map { name in
            .error(
                "MF-008", file: self.manifestName,
                "\(self.manifestName) has no digest for \(name), which the descriptor \(self.descriptorName) "
                    + "references; "
                    + "every referenced file must be listed"
                    + (reference.chunkSize != nil ? " (per part, or once for the whole of \(reference.href))" : ""),
                args: [name]
            )
        }
    }

    /// Whether `name` is `href.NNNNNNNNN`, a part of the chunked `reference`.
    private static func isPart(_ name: String, of reference: FileReference) -> Bool {
        guard reference.chunkSize != nil, name.hasPrefix(reference.href + ".") else { return false }
        let suffix = name.dropFirst(reference.href.count + 1)
        return suffix.count == 9 && suffix.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
