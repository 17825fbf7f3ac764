//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAPI

/// What `content-library export` was asked to do.
public struct ExportOptions: Sendable {
    /// The server's base URL (see ContentLibraryAPI.baseURL).
    public var server: String
    /// The user name.
    public var user: String
    /// The password.
    public var password: String
    /// The library, by name.
    public var libraryName: String
    /// The item, by name.
    public var itemName: String
    /// A folder for the item's files, or with `ova` the `.ova` file to write.
    public var destination: String
    /// Whether to write one `.ova` (descriptor first, manifest next) instead of a folder.
    public var ova: Bool
    /// How broken downloads are resumed.
    public var retry: RetryPolicy
    /// How often a file being prepared is polled.
    public var pollInterval: Duration

    /// Creates options.
    public init(
        server: String, user: String, password: String, libraryName: String, itemName: String, destination: String, ova: Bool = false,
        retry: RetryPolicy = RetryPolicy(), pollInterval: Duration = .milliseconds(200)
    ) {
        self.server = server
        self.user = user
        self.password = password
        self.libraryName = libraryName
        self.itemName = itemName
        self.destination = destination
        self.ova = ova
        self.retry = retry
        self.pollInterval = pollInterval
    }
}

/// What an export wrote.
public struct ExportResult: Sendable {
    /// The item, as the server described it.
    public var item: ItemModel
    /// The content version the download session served.
    public var contentVersion: String
    /// The files written (name and size), in the order written.
    public var files: [(name: String, size: Int64)]
    /// The folder or `.ova` written.
    public var destination: String
}
