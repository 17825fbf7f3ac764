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
    /// The columns of the tables a session snapshot joins, in the order of their decoders.
    static let libraryColumns = [
        "id", "name", "description", "type", "datastore_id", "creation_time", "last_modified_time", "version", "security_policy_id",
    ]
    static let itemColumns = [
        "id", "library_id", "name", "description", "type", "content_version", "metadata_version", "version", "creation_time",
        "last_modified_time", "source_id", "certificate_verification",
    ]
    static let sessionColumns = [
        "id", "item_id", "owner", "client_token", "state", "item_content_version", "client_progress", "error_message",
        "warning_behavior", "creation_time", "last_activity", "finished_time", "completion_requested",
    ]
    static let sessionFileColumns = [
        "session_id", "name", "source_type", "status", "declared_size", "declared_checksum", "bytes_transferred", "blob", "digests",
        "upload_token", "source_endpoint", "error_message", "item_file_version", "sequence",
    ]

    /// A session with its item, library and files in one statement (so one snapshot, one round
    /// trip): one row per file, or one row with no file columns; every column named
    /// `<table alias>_<column>` so the decoders read each table's part with a prefix.
    static let sessionSnapshotSQL = sessionSnapshotSelect(id: "$1") + " ORDER BY f.sequence, f.name"

    /// A token's API session and user with the snapshot of session `$2` beside them on every row
    /// (`apiSessionWithUser(tokenHash:snapshotOf:)`): no row when the token is unknown; snapshot
    /// columns all null when the session is.
    static let apiSessionWithSnapshotSQL = """
        SELECT a.*, u.name, u.password_hash, u.privileges, snap.* FROM api_session a JOIN user_account u ON u.name = a.user_name
        LEFT JOIN (\(sessionSnapshotSelect(id: "$2"))) snap ON true WHERE a.token_hash = $1 ORDER BY snap.f_sequence, snap.f_name
        """

    /// The snapshot's select, unordered, for the session whose id is the parameter `id`.
    private static func sessionSnapshotSelect(id: String) -> String {
        let parts = [("s", sessionColumns), ("i", itemColumns), ("l", libraryColumns), ("f", sessionFileColumns)]
        let list = parts.flatMap { alias, columns in columns.map { "\(alias).\($0) AS \(alias)_\($0)" } }.joined(separator: ", ")
        return """
            SELECT \(list) FROM session s LEFT JOIN item i ON i.id = s.item_id LEFT JOIN library l ON l.id = i.library_id
            LEFT JOIN session_file f ON f.session_id = s.id WHERE s.id = \(id)
            """
    }

    /// The snapshot in the rows of `sessionSnapshotSQL` or `apiSessionWithSnapshotSQL`, each
    /// indexed once by the caller (building a wide row's column index is most of its decoding);
    /// `nil` when they hold no session.
    static func sessionSnapshot(_ rows: [PostgresRandomAccessRow]) throws -> SessionSnapshot? {
        guard let first = rows.first, try first["s_id"].decode(String?.self) != nil else { return nil }
        let session = try session(first, prefix: "s_")
        let item = try first["i_id"].decode(String?.self) == nil ? nil : try item(first, prefix: "i_")
        let library = try first["l_id"].decode(String?.self) == nil ? nil : try library(first, prefix: "l_")
        let files = try rows.filter { try $0["f_session_id"].decode(String?.self) != nil }.map { try sessionFile($0, prefix: "f_") }
        return SessionSnapshot(session: session, item: item, library: library, files: files)
    }

    /// A time stored as seconds since 1970.
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    static func library(_ row: PostgresRow) throws -> LibraryRecord { try library(row.makeRandomAccess(), prefix: "") }

    static func library(_ row: PostgresRandomAccessRow, prefix: String) throws -> LibraryRecord {
        return LibraryRecord(
            id: try row[prefix + "id"].decode(String.self), name: try row[prefix + "name"].decode(String.self),
            description: try row[prefix + "description"].decode(String.self),
            type: LibraryType(rawValue: try row[prefix + "type"].decode(String.self)) ?? .local,
            datastoreID: try row[prefix + "datastore_id"].decode(String.self),
            creationTime: date(try row[prefix + "creation_time"].decode(Double.self)),
            lastModifiedTime: date(try row[prefix + "last_modified_time"].decode(Double.self)), version: try row[prefix + "version"].decode(Int64.self),
            securityPolicyID: try row[prefix + "security_policy_id"].decode(String?.self)
        )
    }

    static func item(_ row: PostgresRow) throws -> ItemRecord { try item(row.makeRandomAccess(), prefix: "") }

    static func item(_ row: PostgresRandomAccessRow, prefix: String) throws -> ItemRecord {
        return ItemRecord(
            id: try row[prefix + "id"].decode(String.self), libraryID: try row[prefix + "library_id"].decode(String.self),
            name: try row[prefix + "name"].decode(String.self), description: try row[prefix + "description"].decode(String.self),
            type: try row[prefix + "type"].decode(String.self), contentVersion: try row[prefix + "content_version"].decode(Int64.self),
            metadataVersion: try row[prefix + "metadata_version"].decode(Int64.self), version: try row[prefix + "version"].decode(Int64.self),
            creationTime: date(try row[prefix + "creation_time"].decode(Double.self)),
            lastModifiedTime: date(try row[prefix + "last_modified_time"].decode(Double.self)),
            sourceID: try row[prefix + "source_id"].decode(String?.self),
            certificateVerification: ColumnText.decode(CertificateVerificationInfo.self, try row[prefix + "certificate_verification"].decode(String?.self))
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

    static func session(_ row: PostgresRow) throws -> SessionRecord { try session(row.makeRandomAccess(), prefix: "") }

    static func session(_ row: PostgresRandomAccessRow, prefix: String) throws -> SessionRecord {
        return SessionRecord(
            id: try row[prefix + "id"].decode(String.self), itemID: try row[prefix + "item_id"].decode(String.self),
            owner: try row[prefix + "owner"].decode(String.self), clientToken: try row[prefix + "client_token"].decode(String?.self),
            state: UpdateSessionState(rawValue: try row[prefix + "state"].decode(String.self)) ?? .error,
            itemContentVersion: try row[prefix + "item_content_version"].decode(Int64.self),
            clientProgress: try row[prefix + "client_progress"].decode(Int64.self),
            errorMessage: ColumnText.decode(LocalizableMessage.self, try row[prefix + "error_message"].decode(String?.self)),
            warningBehavior: ColumnText.warningBehavior(try row[prefix + "warning_behavior"].decode(String.self)),
            creationTime: date(try row[prefix + "creation_time"].decode(Double.self)),
            lastActivity: date(try row[prefix + "last_activity"].decode(Double.self)),
            finishedTime: try row[prefix + "finished_time"].decode(Double?.self).map(date),
            completionRequested: try row[prefix + "completion_requested"].decode(Bool.self)
        )
    }

    static func sessionFile(_ row: PostgresRow) throws -> SessionFileRecord { try sessionFile(row.makeRandomAccess(), prefix: "") }

    static func sessionFile(_ row: PostgresRandomAccessRow, prefix: String) throws -> SessionFileRecord {
        return SessionFileRecord(
            sessionID: try row[prefix + "session_id"].decode(String.self), name: try row[prefix + "name"].decode(String.self),
            sourceType: SourceType(rawValue: try row[prefix + "source_type"].decode(String.self)) ?? .none,
            status: TransferStatus(rawValue: try row[prefix + "status"].decode(String.self)) ?? .error,
            declaredSize: try row[prefix + "declared_size"].decode(Int64?.self),
            declaredChecksum: ColumnText.decode(ChecksumInfo.self, try row[prefix + "declared_checksum"].decode(String?.self)),
            bytesTransferred: try row[prefix + "bytes_transferred"].decode(Int64.self), blob: try row[prefix + "blob"].decode(String?.self),
            digests: ColumnText.digests(try row[prefix + "digests"].decode(String.self)), uploadToken: try row[prefix + "upload_token"].decode(String?.self),
            sourceEndpoint: ColumnText.decode(TransferEndpoint.self, try row[prefix + "source_endpoint"].decode(String?.self)),
            errorMessage: ColumnText.decode(LocalizableMessage.self, try row[prefix + "error_message"].decode(String?.self)),
            itemFileVersion: try row[prefix + "item_file_version"].decode(Int64?.self), sequence: try row[prefix + "sequence"].decode(Int64.self)
        )
    }

    static func apiSession(_ row: PostgresRow) throws -> APISessionRecord { try apiSession(row.makeRandomAccess()) }

    static func apiSession(_ row: PostgresRandomAccessRow) throws -> APISessionRecord {
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

    static func user(_ row: PostgresRow) throws -> UserAccount { try user(row.makeRandomAccess()) }

    static func user(_ row: PostgresRandomAccessRow) throws -> UserAccount {
        return UserAccount(
            name: try row["name"].decode(String.self), passwordHash: try row["password_hash"].decode(String.self),
            privileges: UserAccount.privileges(fromList: try row["privileges"].decode(String.self))
        )
    }
}
