//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The user name or password was refused.
package struct SOAPLoginRefused: Error, Sendable {
    /// Creates the error.
    package init() {}
}
