//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// One line of a manifest: `ALG(name)= hex`.
struct ManifestEntry: Hashable, Sendable {
    /// The digest algorithm named on the line.
    var algorithm: ChecksumAlgorithm
    /// The file name between the parentheses.
    var fileName: String
    /// The digest, lower-case hex.
    var digest: String
    /// The 1-based line number.
    var line: Int
}
