//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The product this server reports in `about`.
package enum ContentLibraryProduct {
    /// The product name.
    package static let name = "ContentLibrary"
    /// The server's version.
    package static let version = "1.0.0"
    /// The vim25 API version this endpoint speaks (the one govc 0.24 sends, `urn:vim25/7.0`).
    package static let apiVersion = "7.0"
}
