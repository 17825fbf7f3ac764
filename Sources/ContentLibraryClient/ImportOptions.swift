//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// What one import is asked to do: where, as whom, into which item, and how patiently.
public struct ImportOptions: Sendable {
    /// The server's base URL (see ContentLibraryAPI.baseURL).
    public var server: String
    /// The user name.
    public var user: String
    /// The password.
    public var password: String
    /// The library, by name.
    public var libraryName: String
    /// The item name; `nil` uses the plan's default name.
    public var itemName: String?
    /// The item type for a new item; `nil` uses the plan's guess.
    public var itemType: String?
    /// Warning types to ignore (`warning_behavior` with `ignored: true`).
    public var ignoredWarnings: [WarningType]
    /// The SHA-256 (or SHA-1) thumbprint of the PULL source's certificate, for https sources.
    public var thumbprint: String?
    /// How broken uploads are resumed.
    public var retry: RetryPolicy
    /// How often transfer statuses and the session are polled.
    public var pollInterval: Duration

    /// Creates options.
    public init(
        server: String, user: String, password: String, libraryName: String, itemName: String? = nil, itemType: String? = nil,
        ignoredWarnings: [WarningType] = [], thumbprint: String? = nil, retry: RetryPolicy = RetryPolicy(),
        pollInterval: Duration = .milliseconds(500)
    ) {
        self.server = server
        self.user = user
        self.password = password
        self.libraryName = libraryName
        self.itemName = itemName
        self.itemType = itemType
        self.ignoredWarnings = ignoredWarnings
        self.thumbprint = thumbprint
        self.retry = retry
        self.pollInterval = pollInterval
    }
}
