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

/// Checks a package manifest (the MF-* rules) against the descriptor's references and the content.
///
/// The line rules (MF-002 to MF-006, MF-011 to MF-013) are ManifestParser's; this type adds
/// the package rules: a second manifest (MF-001), digests (MF-007) and coverage (MF-008 to
/// MF-010). Digests come only from `content.digest(of:algorithm:)`, so a digest the upload
/// computed is reused and no file is hashed twice. A listed file that is not in the content is
/// not checked here: the descriptor rules report missing files.
struct ManifestCheck: Sendable {
    /// What the check found and the entries it parsed.
    struct Outcome: Sendable {
        /// The MF-* findings: MF-001, then the line rules in line order, then coverage, then digests.
        var findings: [Finding] = []
        /// The valid entries (one per file, not the manifest or certificate themselves).
        var entries: [ManifestEntry] = []
    }

    /// The largest manifest read (1 MiB: thousands of lines); a larger one is an MF-002 error.
    static let sizeLimit = 1 << 20

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
        var outcome = Outcome()
        outcome.findings += Self.strayManifests(
            descriptorName: descriptorName, manifestName: manifestName, references: references, content: content
        )
        let bytes: [UInt8]
        do {
            bytes = try await content.readAll(manifestName, limit: Self.sizeLimit)
        } catch {
            let reason =
                if case .tooLarge(_, let size, let limit) = error {
                    "it is \(size) bytes, more than the \(limit) bytes a manifest may have"
                } else {
                    "it cannot be read (\(error))"
                }
            outcome.findings.append(.error("MF-002", file: manifestName, "\(manifestName) was not checked: \(reason)"))
            return outcome
        }
        let parsed = ManifestParser(manifestName: manifestName).parse(bytes)
        outcome.findings += parsed.findings
        outcome.entries = parsed.entries
        let coverage = ManifestCoverage(
            manifestName: manifestName, descriptorName: descriptorName, references: references, files: content.files
        )
        outcome.findings += coverage.findings(for: parsed.entries)
        for entry in parsed.entries where coverage.isPackageFile(entry.fileName) {
            if let finding = await Self.verify(entry, manifestName: manifestName, coverage: coverage, content: content)
            {
                outcome.findings.append(finding)
            }
        }
        return outcome
    }

    /// MF-001: the `.mf` files of the content other than the package manifest, each a warning;
    /// they are ignored. `manifestName` is `nil` when the package has no manifest of its own, so
    /// the orchestrator can call this alone in that case.
    static func strayManifests(
        descriptorName: String,
        manifestName: String?,
        references: [FileReference],
        content: any ContentView
    ) -> [Finding] {
        let referenced = Set(references.map(\.href))
        let expected = manifestName ?? (Self.baseName(of: descriptorName) + ".mf")
        return content.fileNames.filter {
            $0 != expected && !referenced.contains($0) && $0.lowercased().hasSuffix(".mf")
        }.map { name in
            .warning(
                "MF-001", type: packageContentWarning, file: name,
                "\(name) is not recognised as the package manifest: its base name differs from the descriptor "
                    + "\(descriptorName) (the manifest must be \(expected)); it is ignored"
            )
        }
    }

    /// A file name without its last extension: `pkg.ovf` → `pkg`.
    static func baseName(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// MF-007 for one entry: compares the listed digest with the content's; `nil` when they
    /// agree or the file is not in the content.
    private static func verify(
        _ entry: ManifestEntry,
        manifestName: String,
        coverage: ManifestCoverage,
        content: any ContentView
    ) async -> Finding? {
        var name = entry.fileName
        let actual: String
        do {
            if content.file(named: name) != nil {
                actual = try await content.digest(of: name, algorithm: entry.algorithm)
            } else if let parts = coverage.presentParts(ofWhole: name) {
                // No session file holds the whole; the finding goes on the first part, which does exist.
                name = parts[0]
                actual = try await Self.digest(ofParts: parts, algorithm: entry.algorithm, content: content)
            } else {
                return nil
            }
        } catch {
            return .error(
                "MF-007", file: name,
                "\(entry.fileName): its \(entry.algorithm.rawValue) digest could not be computed to compare with "
                    + "\(manifestName) line \(entry.line): \(error)"
            )
        }
        guard actual != entry.digest else { return nil }
        let what = name == entry.fileName ? name : "\(entry.fileName) (chunked, starting with \(name))"
        return .error(
            "MF-007", file: name,
            "\(what): \(entry.algorithm.rawValue) in \(manifestName) (line \(entry.line)) is \(entry.digest) but the "
                + "uploaded file's is \(actual); the file differs from the one the manifest was made for",
            args: [entry.fileName, entry.algorithm.rawValue, manifestName, entry.digest, actual]
        )
    }

    /// The digest of a chunked file listed whole: its parts hashed in order, as one stream.
    /// This is the one digest content views cannot know, because no session file holds it.
    private static func digest(
        ofParts parts: [String],
        algorithm: ChecksumAlgorithm,
        content: any ContentView
    ) async throws(ContentViewError) -> String {
        var hasher = StreamingHasher(algorithm)
        for part in parts {
            guard let file = content.file(named: part) else { throw .notFound(part) }
            var offset: Int64 = 0
            while offset < file.size {
                let chunk = try await content.read(
                    part, offset: offset, count: Int(min(Int64(1 << 20), file.size - offset)))
                if chunk.isEmpty { throw .truncated(part, expected: file.size, actual: offset) }
                hasher.update(chunk)
                offset += Int64(chunk.count)
            }
        }
        return hasher.finalize()
    }
}
