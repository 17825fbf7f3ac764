//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel

/// The scope-P rules, which compare the descriptor with the files present: OVF-REF-007, -008,
/// -010, -011, -013 and OVF-DISK-011. Only small ranges of files are read, never whole disks.
struct PackageContentRules: Sendable {
    /// The descriptor.
    var descriptor: Descriptor
    /// Whether files the descriptor does not reference are errors (OVF-REF-013): true for loose
    /// files; inside an OVA an extra member is the OVA-011 layout warning instead.
    var unreferencedFilesAreErrors = true

    /// The findings for `content`.
    func findings(in content: any ContentView) async -> [Finding] {
        var findings: [Finding] = []
        let present = Dictionary(content.files.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var accounted: Set<String> = [self.descriptor.name]
        let references = self.descriptor.references
        // Hrefs that cannot name a session file are OVF-REF-006 errors already; do not also ask for them.
        for reference in references where ReferenceRules.hrefViolation(reference.href) == nil {
            if reference.chunkSize != nil {
                let (chunkFindings, parts) = self.chunkFindings(reference, present: present)
                findings += chunkFindings
                accounted.formUnion(parts)
                if parts.first == FileReference.partName(reference.href, 0) {
                    findings += await self.compressionFindings(reference, partName: parts[0], content: content)
                }
                continue
            }
            accounted.insert(reference.href)
            // OVF-REF-007
            guard let file = present[reference.href] else {
                findings.append(.missing(
                    "OVF-REF-007", file: reference.href,
                    "\(reference.href) is referenced by \(self.descriptor.name) (File '\(reference.id)') but was not added.",
                    args: [reference.href, self.descriptor.name]
                ))
                continue
            }
            // OVF-REF-008
            if let size = reference.size, size != file.size {
                findings.append(.error(
                    "OVF-REF-008", file: reference.href,
                    "\(reference.href): \(self.descriptor.name) declares \(size) bytes (File '\(reference.id)') but \(file.size) bytes were added.",
                    args: [reference.href, String(size), String(file.size)]
                ))
            }
            findings += await self.compressionFindings(reference, partName: reference.href, content: content)
        }
        findings += await self.diskFindings(references: references, present: present, content: content)
        if self.unreferencedFilesAreErrors {
            findings += self.unreferencedFindings(present: present, accounted: accounted)
        }
        return findings
    }

    /// OVF-REF-010: gzip files start with `1f 8b`; others do not.
    func compressionFindings(_ reference: FileReference, partName: String, content: any ContentView) async -> [Finding] {
        guard let head = try? await content.read(partName, offset: 0, count: 2) else { return [] }
        let gzipped = head == [0x1f, 0x8b]
        if reference.compression == "gzip", !gzipped {
            return [.error(
                "OVF-REF-010", file: partName,
                "\(partName): File '\(reference.id)' is declared gzip-compressed but does not start with the gzip magic bytes 1f 8b.",
                args: [partName]
            )]
        }
        if reference.compression != "gzip", gzipped {
            return [.warning(
                "OVF-REF-010", type: .ovfCompatibility, file: partName,
                "\(partName): File '\(reference.id)' is not declared compressed but starts with the gzip magic bytes 1f 8b.",
                args: [partName]
            )]
        }
        return []
    }

    /// OVF-REF-011: the parts of a chunked file, and the part names that belong to it.
    func chunkFindings(_ reference: FileReference, present: [String: ContentFile]) -> (findings: [Finding], parts: [String]) {
        guard let chunkSize = reference.chunkSize else { return ([], []) }
        var findings: [Finding] = []
        // Indices of parts present: names "href." followed by exactly nine digits.
        let prefix = reference.href + "."
        var indices: Set<Int> = []
        for name in present.keys where name.hasPrefix(prefix) {
            let suffix = name.dropFirst(prefix.count)
            if suffix.count == 9, suffix.allSatisfy(\.isASCII), let index = Int(suffix), index >= 0 { indices.insert(index) }
        }
        let expectedCount: Int
        if let size = reference.size {
            expectedCount = max(1, Int((size + chunkSize - 1) / chunkSize))
        } else {
            expectedCount = (indices.max() ?? 0) + 1
        }
        var total: Int64 = 0
        var complete = true
        for index in 0..<expectedCount {
            let name = FileReference.partName(reference.href, index)
            guard let file = present[name] else {
                complete = false
                findings.append(.missing(
                    "OVF-REF-011", file: name,
                    "\(name) is part \(index) of chunked File '\(reference.id)' (\(reference.href)) in \(self.descriptor.name) but was not added.",
                    args: [name, reference.href]
                ))
                continue
            }
            total += file.size
            let isLast = index == expectedCount - 1
            if !isLast, file.size != chunkSize {
                findings.append(.error(
                    "OVF-REF-011", file: name,
                    "\(name): part \(index) of chunked File '\(reference.id)' has \(file.size) bytes; every part but the last must have ovf:chunkSize \(chunkSize) bytes.",
                    args: [name, String(file.size), String(chunkSize)]
                ))
            } else if isLast, file.size > chunkSize || file.size == 0 {
                findings.append(.error(
                    "OVF-REF-011", file: name,
                    "\(name): the last part of chunked File '\(reference.id)' has \(file.size) bytes; it must have from 1 to \(chunkSize) bytes.",
                    args: [name, String(file.size), String(chunkSize)]
                ))
            }
        }
        if complete, let size = reference.size, total != size {
            let last = FileReference.partName(reference.href, expectedCount - 1)
            findings.append(.error(
                "OVF-REF-011", file: last,
                "\(last): the parts of chunked File '\(reference.id)' add up to \(total) bytes but \(self.descriptor.name) declares \(size) bytes.",
                args: [last, String(total), String(size)]
            ))
        }
        for index in indices.sorted() where index >= expectedCount {
            let name = FileReference.partName(reference.href, index)
            findings.append(.warning(
                "OVF-REF-011", type: .ovfPackageContent, file: name,
                "\(name) looks like part \(index) of chunked File '\(reference.id)', but \(self.descriptor.name) implies only \(expectedCount) part\(expectedCount == 1 ? "" : "s"); it is ignored.",
                args: [name]
            ))
        }
        let names = (Set(0..<expectedCount).union(indices)).sorted().map { FileReference.partName(reference.href, $0) }
        return (findings, names.filter { present[$0] != nil })
    }

    /// OVF-DISK-011: stream-optimized disks really are stream-optimized VMDKs.
    func diskFindings(references: [FileReference], present: [String: ContentFile], content: any ContentView) async -> [Finding] {
        var findings: [Finding] = []
        let byID = Dictionary(references.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for disk in self.descriptor.disks {
            guard let format = self.descriptor.attribute("format", of: disk), format.hasSuffix("#streamOptimized"),
                let fileRef = self.descriptor.attribute("fileRef", of: disk), let reference = byID[fileRef],
                reference.compression != "gzip"
            else { continue }
            let name = reference.chunkSize == nil ? reference.href : FileReference.partName(reference.href, 0)
            guard let file = present[name] else { continue }  // reported as missing already
            if let problem = await StreamOptimizedDisk.problem(with: name, size: file.size, isFirstPart: reference.chunkSize != nil, in: content) {
                findings.append(.error(
                    "OVF-DISK-011", file: name,
                    "\(name): Disk '\(self.descriptor.attribute("diskId", of: disk) ?? "")' is declared stream-optimized, but the file \(problem).",
                    args: [name]
                ))
            }
        }
        return findings
    }

    /// OVF-REF-013 (project policy, from the issue: "invalid = present but failing, or not
    /// referenced (except the manifest and certificate)"): a file that the descriptor does not
    /// reference is an error, except `<base>.mf` and `<base>.cert`. Another `.mf` is left to
    /// MF-001 (not recognised as the package manifest), a warning, as the manifest catalogue says.
    func unreferencedFindings(present: [String: ContentFile], accounted: Set<String>) -> [Finding] {
        let base = Self.baseName(self.descriptor.name)
        var findings: [Finding] = []
        for name in present.keys.sorted() where !accounted.contains(name) {
            if name == base + ".mf" || name == base + ".cert" { continue }
            // Further descriptors are OVF-PKG-001 errors already.
            if name.lowercased().hasSuffix(".ovf") { continue }
            // Another manifest is MF-001, reported once by ManifestCheck.strayManifests.
            if name.lowercased().hasSuffix(".mf") { continue }
            findings.append(.error(
                "OVF-REF-013", file: name,
                "\(name) is not referenced by \(self.descriptor.name); every file of an OVF package must be in its References (or be its manifest or certificate).",
                args: [name, self.descriptor.name]
            ))
        }
        return findings
    }

    /// A file name without its last extension.
    static func baseName(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
