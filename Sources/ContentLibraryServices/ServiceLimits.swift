//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel

/// The limits the services enforce, each refused with a vAPI error that names it.
///
/// The defaults are far above what a normal OVF or ISO import needs; they exist so that one
/// client cannot exhaust the server's disk, file descriptors or memory.
package struct ServiceLimits: Hashable, Sendable {
    /// The largest file a session may hold, declared or received (default 1 TiB).
    package var maxFileSize: Int64
    /// Files a session may add (default 1000).
    package var maxFilesPerSession: Int
    /// ACTIVE update sessions one user may hold at once (default 100).
    package var maxActiveSessionsPerUser: Int
    /// Uploads running at once into one session (default 32).
    package var maxConcurrentUploadsPerSession: Int

    /// Creates limits; every one has a default.
    package init(
        maxFileSize: Int64 = 1 << 40, maxFilesPerSession: Int = 1000, maxActiveSessionsPerUser: Int = 100,
        maxConcurrentUploadsPerSession: Int = 32
    ) {
        self.maxFileSize = maxFileSize
        self.maxFilesPerSession = maxFilesPerSession
        self.maxActiveSessionsPerUser = maxActiveSessionsPerUser
        self.maxConcurrentUploadsPerSession = maxConcurrentUploadsPerSession
    }

    /// The error for a limit reached: `UnableToAllocateResource`, with the limit's name and value.
    static func reached(_ name: String, _ limit: some BinaryInteger, _ text: String) -> APIError {
        APIError(
            .unableToAllocateResource, id: "com.vmware.content.limit.\(name)",
            "\(text) (the server's limit \(name) is \(limit)).", args: [name, String(limit)]
        )
    }
}
