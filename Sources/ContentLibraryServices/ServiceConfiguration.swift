//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI
package import Foundation

/// The settings of the domain that the server's configuration decides.
package struct ServiceConfiguration: Sendable {
    /// Idle time after which an ACTIVE update session expires (default five minutes, as in vCenter).
    package var sessionTimeout: TimeInterval
    /// Idle time after which an API session token (`cis.session`) expires (default 30 minutes).
    package var apiSessionTimeout: TimeInterval
    /// How long a finished session stays readable before it is deleted.
    package var finishedSessionRetention: TimeInterval
    /// The expiry rule of update and download sessions, from the two settings above.
    package var sessionExpiry: SessionExpiry {
        SessionExpiry(timeout: self.sessionTimeout, retention: self.finishedSessionRetention)
    }
    /// The datastores a library may be backed by.
    package var datastoreIDs: [String]
    /// Server-wide warning defaults.
    package var warningPolicy: WarningPolicy
    /// This server's id, shown as `server_guid`.
    package var serverGUID: String
    /// The folders `file://` PULL sources may come from; none by default.
    package var importRoots: ImportRoots
    /// The security policies libraries may be given (`SecurityPolicies.list`).
    package var securityPolicies: [SecurityPolicyInfo]
    /// Sizes and counts the services refuse to exceed.
    package var limits: ServiceLimits
    /// How failed logins are slowed down and locked out.
    package var loginThrottle: LoginThrottle.Policy
    /// This process among the replicas sharing the metadata store: the holder of its transfer
    /// leases. New at every start, so a restarted replica never mistakes a dead one's leases for its own.
    package var replicaID: String
    /// How long a transfer lease lasts without a heartbeat (renewed every third of it): how long
    /// a transfer of a replica that died blocks its file, and how late a stop ordered through
    /// another replica may reach it at the latest.
    package var transferLease: TimeInterval

    /// Creates a configuration.
    package init(
        sessionTimeout: TimeInterval = 300,
        finishedSessionRetention: TimeInterval = 3600,
        apiSessionTimeout: TimeInterval = 1800,
        datastoreIDs: [String] = ["datastore-1"],
        warningPolicy: WarningPolicy = WarningPolicy(),
        serverGUID: String,
        importRoots: ImportRoots = ImportRoots([]),
        securityPolicies: [SecurityPolicyInfo] = [.ovfStrictVerification],
        limits: ServiceLimits = ServiceLimits(),
        loginThrottle: LoginThrottle.Policy = LoginThrottle.Policy(),
        replicaID: String = UUID().uuidString.lowercased(),
        transferLease: TimeInterval = 15
    ) {
        self.loginThrottle = loginThrottle
        self.replicaID = replicaID
        self.transferLease = transferLease
        self.limits = limits
        self.securityPolicies = securityPolicies
        self.sessionTimeout = sessionTimeout
        self.finishedSessionRetention = finishedSessionRetention
        self.apiSessionTimeout = apiSessionTimeout
        self.datastoreIDs = datastoreIDs
        self.warningPolicy = warningPolicy
        self.serverGUID = serverGUID
        self.importRoots = importRoots
    }
}
