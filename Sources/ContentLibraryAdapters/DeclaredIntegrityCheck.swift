//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// Checks each file against the size and checksum its client declared when adding it.
///
/// Every adapter runs this; the digest comes from the view, so a file hashed during upload is
/// not read again.
public struct DeclaredIntegrityCheck: Sendable {
    /// The rule id reported for a size mismatch.
    public var sizeRule: String
    /// The rule id reported for a checksum mismatch.
    public var checksumRule: String

    /// Creates the check with the calling adapter's rule ids.
    public init(sizeRule: String, checksumRule: String) {
        self.sizeRule = sizeRule
        self.checksumRule = checksumRule
    }

    /// The findings for every file of the view.
    public func findings(in content: any ContentView) async -> [Finding] {
        var findings: [Finding] = []
        for file in content.files {
            if let declared = file.declaredSize, declared != file.size {
                findings.append(.error(
                    self.sizeRule, file: file.name,
                    "\(file.name): the declared size is \(declared) bytes but \(file.size) bytes were received.",
                    args: [file.name, String(declared), String(file.size)]
                ))
            }
            guard let checksum = file.declaredChecksum else { continue }
            let algorithm = checksum.effectiveAlgorithm
            do {
                let actual = try await content.digest(of: file.name, algorithm: algorithm)
                if actual != checksum.checksum.lowercased() {
                    findings.append(.error(
                        self.checksumRule, file: file.name,
                        "\(file.name): the declared \(algorithm.rawValue) checksum is \(checksum.checksum.lowercased()) but the content's is \(actual).",
                        args: [file.name, algorithm.rawValue, checksum.checksum.lowercased(), actual]
                    ))
                }
            } catch {
                findings.append(.error(self.checksumRule, file: file.name, "\(file.name): cannot be read to verify its checksum: \(error)."))
            }
        }
        return findings
    }
}
