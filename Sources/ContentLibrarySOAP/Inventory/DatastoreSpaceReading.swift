//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Measures datastores; the seam tests replace.
package protocol DatastoreSpaceReading: Sendable {
    /// The space of the file system holding `folder`; `nil` when it cannot be read.
    func space(of folder: String) -> DatastoreSpace?
}
