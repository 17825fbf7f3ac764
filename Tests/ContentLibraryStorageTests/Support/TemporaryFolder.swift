//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// A folder under the system temporary directory, removed when the last reference goes.
final class TemporaryFolder: Sendable {
    let path: String

    init() throws {
        self.path = NSTemporaryDirectory() + "content-library-storage-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: self.path) }
}
