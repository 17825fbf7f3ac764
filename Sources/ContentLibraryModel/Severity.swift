//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// How much a finding matters.
public enum Severity: String, Hashable, Comparable, Codable, Sendable, CaseIterable {
    /// Blocks: the file is missing or invalid and `complete` fails.
    case error
    /// A typed preview warning that `warning_behavior` may ignore.
    case warning
    /// A note for logs and metadata; never blocks.
    case info

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
