//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import PostgresNIO

/// Conversions between the services' records and PostgreSQL rows.
///
/// Complex fields are JSON text with sorted keys, exactly as the SQLite store writes them, so
/// both stores hold the same text and a value read back is the value written. Values this
/// version does not know (a state from a newer one) read as SQLite's store reads them.
enum PostgresRows {
    /// A time stored as seconds since 1970.
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    static func library(_ row: PostgresRow) throws -> LibraryRecord {
        let row = row.makeRandomAccess()
        return LibraryRecord(
            id: try row["id"].decode(String.self), name: try row["name"].decode(String.self),
            description: try row["description"].decode(String.self),
            type: LibraryType(rawValue: try row["type"].decode(String.self)) ?? .local,
            datastoreID: try row["datastore_id"].decode(String.self),
            creationTime: date(try row["creation_time"].decode(Double.self)),
            lastModifiedTime: date(try row["last_modified_time"].decode(Double.self)), version: try row["version"].decode(Int64.self),
            securityPolicyID: try row["security_policy_id"].decode(String?.self)
        )
    }

    static func item(_ row: PostgresRow) throws -> ItemRecord {
        let row = row.makeRandomAccess()
        return ItemRecord(
            id: try row["id"].decode(String.self), libraryID: try row["library_id"].decode(String.self),
            name: try row["name"].decode(String.self), description: try row["description"].decode(String.self),
            type: try row["type"].decode(String.self), contentVersion: try row["content_version"].decode(Int64.self),
            metadataVersion: try row["metadata_version"].decode(Int64.self), version: try row["version"].decode(Int64.self),
            creationTime: date(try row["creation_time"].decode(Double.self)),
            lastModifiedTime: date(try row["last_modified_time"].decode(Double.self)),
            sourceID: try row["source_id"].decode(String?.self),
            certificateVerification: ColumnText.decode(CertificateVerificationInfo.self, try row["certificate_verification"].decode(String?.self))
        )
    }

    static func itemFile(_ row: PostgresRow) throws -> ItemFileRecord {
        let row = row.makeRandomAccess()
        return ItemFileRecord(
            itemID: try row["item_id"].decode(String.self), name: try row["name"].decode(String.self),
            size: try row["size"].decode(Int64.self), blob: try row["blob"].decode(String.self),
            digests: ColumnText.digests(try row["digests"].decode(String.self)),
            checksum: ColumnText.decode(ChecksumInfo.self, try row["checksum"].decode(String?.self)), version: try row["version"].decode(Int64.self)
        )
    }

    static func session(_ row: PostgresRow) throws -> SessionRecord {
        let row = row.makeRandomAccess()
        return SessionRecord(
            id: try row["id"].decode(String.self), itemID: try row["item_id"].decode(String.self),
            owner: try row["owner"].decode(String.self), clientToken: try row["client_token"].decode(String?.self),
            state: UpdateSessionState(rawValue: try row["state"].decode(String.self)) ?? .error,
            itemContentVersion: try row["item_content_version"].decode(Int64.self),
            clientProgress: try row["client_progress"].decode(Int64.self),
            errorMessage: ColumnText.decode(LocalizableMessage.self, try row["error_message"].decode(String?.self)),
            warningBehavior: ColumnText.warningBehavior(try row["warning_behavior"].decode(String.self)),
            creationTime: date(try row["creation_time"].decode(Double.self)),
            lastActivity: date(try row["last_activity"].decode(Double.self)),
            finishedTime: try row["finished_time"].decode(Double?.self).map(date),
            completionRequested: try row["completion_requested"].decode(Bool.self)
        )
    }

    static func sessionFile(_ row: PostgresRow) throws -> SessionFileRecord {
        let row = row.makeRandomAccess()
        return SessionFileRecord(
            sessionID: try row["session_id"].decode(String.self), name: try row["name"].decode(String.self),
            sourceType: SourceType(rawValue: try row["source_type"].decode(String.self)) ?? .none,
            status: TransferStatus(rawValue: try row["status"].decode(String.self)) ?? .error,
            declaredSize: try row["declared_size"].decode(Int64?.self),
            declaredChecksum: ColumnText.decode(ChecksumInfo.self, try row["declared_checksum"].decode(String?.self)),
            bytesTransferred: try row["bytes_transferred"].decode(Int64.self), blob: try row["blob"].decode(String?.self),
            digests: ColumnText.digests(try row["digests"].decode(String.self)), uploadToken: try row["upload_token"].decode(String?.self),
            sourceEndpoint: ColumnText.decode(TransferEndpoint.self, try row["source_endpoint"].decode(String?.self)),
            errorMessage: ColumnText.decode(LocalizableMessage.self, try row["error_message"].decode(String?.self)),
            itemFileVersion: try row["item_file_version"].decode(Int64?.self), sequence: try row["sequence"].decode(Int64.self)
        )
    }

    static func apiSession(_ row: PostgresRow) throws -> APISessionRecord {
        let row = row.makeRandomAccess()
        return APISessionRecord(
            tokenHash: try row["token_hash"].decode(String.self), user: try row["user_name"].decode(String.self),
            createdTime: date(try row["created_time"].decode(Double.self)),
            lastAccessedTime: date(try row["last_accessed_time"].decode(Double.self))
        )
    }

    static func downloadSession(_ row: PostgresRow) throws -> DownloadSessionRecord {
        let row = row.makeRandomAccess()
        return DownloadSessionRecord(
            id: try row["id"].decode(String.self), itemID: try row["item_id"].decode(String.self),
            owner: try row["owner"].decode(String.self), clientToken: try row["client_token"].decode(String?.self),
            state: DownloadSessionState(rawValue: try row["state"].decode(String.self)) ?? .error,
            itemContentVersion: try row["item_content_version"].decode(Int64.self),
            clientProgress: try row["client_progress"].decode(Int64.self),
            errorMessage: ColumnText.decode(LocalizableMessage.self, try row["error_message"].decode(String?.self)),
            creationTime: date(try row["creation_time"].decode(Double.self)),
            lastActivity: date(try row["last_activity"].decode(Double.self)),
            finishedTime: try row["finished_time"].decode(Double?.self).map(date)
        )
    }

    static func downloadFile(_ row: PostgresRow) throws -> DownloadFileRecord {
        let row = row.makeRandomAccess()
        return DownloadFileRecord(
            sessionID: try row["session_id"].decode(String.self), name: try row["name"].decode(String.self),
            size: try row["size"].decode(Int64.self), blob: try row["blob"].decode(String.self),
            digests: ColumnText.digests(try row["digests"].decode(String.self)),
            checksum: ColumnText.decode(ChecksumInfo.self, try row["checksum"].decode(String?.self)),
            status: DownloadPrepareStatus(rawValue: try row["status"].decode(String.self)) ?? .error,
            downloadToken: try row["download_token"].decode(String?.self),
            bytesTransferred: try row["bytes_transferred"].decode(Int64.self), sequence: try row["sequence"].decode(Int64.self)
        )
    }

    static func lease(_ row: PostgresRow) throws -> TransferLease {
        let row = row.makeRandomAccess()
        return TransferLease(
            sessionID: try row["session_id"].decode(String.self), name: try row["name"].decode(String.self),
            holder: try row["holder"].decode(String.self), bytes: try row["bytes"].decode(Int64.self),
            expiry: date(try row["expiry"].decode(Double.self))
        )
    }

    static func user(_ row: PostgresRow) throws -> UserAccount {
        let row = row.makeRandomAccess()
        return UserAccount(
            name: try row["name"].decode(String.self), passwordHash: try row["password_hash"].decode(String.self),
            privileges: UserAccount.privileges(fromList: try row["privileges"].decode(String.self))
        )
    }
}
