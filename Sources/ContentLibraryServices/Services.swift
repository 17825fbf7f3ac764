//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
package import ContentLibraryModel

/// Every service of the API over one context: what a wire dialect calls.
///
/// ```swift
/// let services = Services(context: context)
/// let token = try await services.auth.login(user: "administrator@vsphere.local", password: password)
/// let caller = try await services.auth.authenticate(token: token)
/// let id = try await services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: caller)
/// ```
package struct Services: Sendable {
    /// `com.vmware.cis.session`.
    package let auth: AuthService
    /// `com.vmware.content.library` and `…local_library`.
    package let libraries: LibraryService
    /// `com.vmware.content.security_policies`.
    package let securityPolicies: SecurityPolicyService
    /// `com.vmware.content.library.item`, `…item.file`, `…item.storage`.
    package let items: ItemService
    /// `com.vmware.content.library.item.update_session`.
    package let updateSessions: UpdateSessionService
    /// `com.vmware.content.library.item.updatesession.file` and uploads.
    package let sessionFiles: SessionFileService
    /// `com.vmware.content.library.item.download_session`.
    package let downloadSessions: DownloadSessionService
    /// `com.vmware.content.library.item.downloadsession.file` and downloads.
    package let downloadFiles: DownloadFileService
    /// The background PULL transfers, for tests and shutdown.
    package let pulls: PullScheduler
    /// The shared context.
    package let context: ServiceContext

    /// Creates the services.
    package init(context: ServiceContext) {
        let transfers = TransferRegistry(context: context)
        let pulls = PullScheduler(transfers: transfers)
        self.context = context
        self.pulls = pulls
        self.auth = AuthService(context: context)
        self.libraries = LibraryService(context: context)
        self.securityPolicies = SecurityPolicyService(context: context)
        self.items = ItemService(context: context)
        self.updateSessions = UpdateSessionService(context: context, transfers: transfers)
        self.sessionFiles = SessionFileService(context: context, transfers: transfers, pulls: pulls)
        self.downloadSessions = DownloadSessionService(context: context)
        self.downloadFiles = DownloadFileService(context: context, sessions: self.downloadSessions)
    }

    /// `com.vmware.content.type.list`: every registered adapter, the generic one included, with
    /// the warning types it declares (`warning_types`, this server's extension).
    package func types(caller: Caller) throws -> [TypeInfo] {
        try caller.require(.typeIntrospection)
        return self.context.adapters.adapters.map { adapter in
            var info = adapter.info
            info.warningTypes = adapter.warningDeclarations
            return info
        }
    }
}
