//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// A group of catalogue rules (formats.md §1.13) that need the descriptor alone (scope D).
protocol DescriptorRuleSet {
    /// The findings of every rule of the group.
    static func findings(in descriptor: Descriptor) -> [Finding]
}
