//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import Foundation

/// What a validation run checks, and against which clock.
public struct ValidationOptions: Sendable {
    /// Check a package's descriptor alone, without the files it references.
    public var descriptorOnly: Bool
    /// The time certificates are checked against.
    public var now: Date

    /// Creates options.
    public init(descriptorOnly: Bool = false, now: Date = Date()) {
        self.descriptorOnly = descriptorOnly
        self.now = now
    }
}
