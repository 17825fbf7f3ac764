//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// The digests an OVF manifest (`.mf`) declares, as `checksum_info` values a client can send
/// with `File.add` so the server verifies each file on receipt.
///
/// A public façade over the adapter's ManifestParser: only lines that pass the manifest's own
/// rules are listed, each file once, so a client never declares a digest the server's
/// validation would not trust either.
public struct ManifestDigests: Hashable, Sendable {
    /// The checksum of each file the manifest lists, by file name.
    public var checksums: [String: ChecksumInfo]
    /// The messages of the lines that were not usable (bad syntax, unknown algorithm, …).
    public var problems: [String]

    /// Parses the bytes of the manifest `manifestName`.
    public init(parsing bytes: [UInt8], manifestName: String) {
        let result = ManifestParser(manifestName: manifestName).parse(bytes)
        self.checksums = Dictionary(
            result.entries.map { ($0.fileName, ChecksumInfo(algorithm: $0.algorithm, checksum: $0.digest)) },
            uniquingKeysWith: { first, _ in first }
        )
        self.problems = result.findings.filter { $0.severity == .error }.map(\.message.defaultMessage)
    }
}
