//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Sizes and counts the server refuses to exceed, each with a vAPI error that names it.
///
/// The defaults are far above what a normal OVF or ISO import needs; they stop one client from
/// exhausting the server's disk, descriptors or memory. (The largest OVF descriptor read is the
/// OVF adapter's own setting.)
public struct ServerLimits: Hashable, Sendable {
    /// The largest session file, declared or received, in bytes (`max_file_size`, default 1 TiB).
    public var maxFileSize: Int64
    /// Files one update session may add (`max_files_per_session`, default 1000).
    public var maxFilesPerSession: Int
    /// ACTIVE update sessions one user may hold (`max_active_sessions_per_user`, default 100).
    public var maxActiveSessionsPerUser: Int
    /// Uploads running at once into one session (`max_concurrent_uploads_per_session`, default 32).
    public var maxConcurrentUploadsPerSession: Int
    /// The largest JSON request body, in bytes (`max_json_body_size`, default 4 MiB).
    public var maxJSONBodySize: Int

    /// Creates limits; every one has a default.
    public init(
        maxFileSize: Int64 = 1 << 40, maxFilesPerSession: Int = 1000, maxActiveSessionsPerUser: Int = 100,
        maxConcurrentUploadsPerSession: Int = 32, maxJSONBodySize: Int = 4 << 20
    ) {
        self.maxFileSize = maxFileSize
        self.maxFilesPerSession = maxFilesPerSession
        self.maxActiveSessionsPerUser = maxActiveSessionsPerUser
        self.maxConcurrentUploadsPerSession = maxConcurrentUploadsPerSession
        self.maxJSONBodySize = maxJSONBodySize
    }
}
