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
import GRDB

/// Conversions between the services' records and SQLite rows; complex fields are JSON text.
enum SQLiteRows {
    static func date(_ row: Row, _ column: String) -> Date {
        Date(timeIntervalSince1970: row[column])
    }

    static func library(_ row: Row) -> LibraryRecord {
        LibraryRecord(
            id: row["id"], name: row["name"], description: row["description"],
            type: LibraryType(rawValue: row["type"]) ?? .local, datastoreID: row["datastore_id"],
            creationTime: date(row, "creation_time"), lastModifiedTime: date(row, "last_modified_time"), version: row["version"],
            securityPolicyID: row["security_policy_id"]
        )
    }

    static func item(_ row: Row) -> ItemRecord {
        ItemRecord(
            id: row["id"], libraryID: row["library_id"], name: row["name"], description: row["description"],
            type: row["type"], contentVersion: row["content_version"], metadataVersion: row["metadata_version"],
            version: row["version"], creationTime: date(row, "creation_time"),
            lastModifiedTime: date(row, "last_modified_time"), sourceID: row["source_id"],
            certificateVerification: ColumnText.decode(CertificateVerificationInfo.self, row["certificate_verification"])
        )
    }

    static func itemFile(_ row: Row) -> ItemFileRecord {
        ItemFileRecord(
            itemID: row["item_id"], name: row["name"], size: row["size"], blob: row["blob"],
            digests: ColumnText.digests(row["digests"] as String?), checksum: ColumnText.decode(ChecksumInfo.self, row["checksum"]),
            version: row["version"]
        )
    }

    static func session(_ row: Row) -> SessionRecord {
        SessionRecord(
            id: row["id"], itemID: row["item_id"], owner: row["owner"], clientToken: row["client_token"],
            state: UpdateSessionState(rawValue: row["state"]) ?? .error, itemContentVersion: row["item_content_version"],
            clientProgress: row["client_progress"], errorMessage: ColumnText.decode(LocalizableMessage.self, row["error_message"]),
            warningBehavior: ColumnText.warningBehavior(row["warning_behavior"]),
            creationTime: date(row, "creation_time"), lastActivity: date(row, "last_activity"),
            finishedTime: (row["finished_time"] as Double?).map { Date(timeIntervalSince1970: $0) },
            completionRequested: row["completion_requested"] ?? false
        )
    }

    static func sessionFile(_ row: Row) -> SessionFileRecord {
        SessionFileRecord(
            sessionID: row["session_id"], name: row["name"], sourceType: SourceType(rawValue: row["source_type"]) ?? .none,
            status: TransferStatus(rawValue: row["status"]) ?? .error, declaredSize: row["declared_size"],
            declaredChecksum: ColumnText.decode(ChecksumInfo.self, row["declared_checksum"]),
            bytesTransferred: row["bytes_transferred"], blob: row["blob"], digests: ColumnText.digests(row["digests"] as String?),
            uploadToken: row["upload_token"], sourceEndpoint: ColumnText.decode(TransferEndpoint.self, row["source_endpoint"]),
            errorMessage: ColumnText.decode(LocalizableMessage.self, row["error_message"]),
            itemFileVersion: row["item_file_version"], sequence: row["sequence"]
        )
    }

    static func downloadSession(_ row: Row) -> DownloadSessionRecord {
        DownloadSessionRecord(
            id: row["id"], itemID: row["item_id"], owner: row["owner"], clientToken: row["client_token"],
            state: DownloadSessionState(rawValue: row["state"]) ?? .error, itemContentVersion: row["item_content_version"],
            clientProgress: row["client_progress"], errorMessage: ColumnText.decode(LocalizableMessage.self, row["error_message"]),
            creationTime: date(row, "creation_time"), lastActivity: date(row, "last_activity"),
            finishedTime: (row["finished_time"] as Double?).map { Date(timeIntervalSince1970: $0) }
        )
    }

    static func downloadFile(_ row: Row) -> DownloadFileRecord {
        DownloadFileRecord(
            sessionID: row["session_id"], name: row["name"], size: row["size"], blob: row["blob"],
            digests: ColumnText.digests(row["digests"] as String?), checksum: ColumnText.decode(ChecksumInfo.self, row["checksum"]),
            status: DownloadPrepareStatus(rawValue: row["status"]) ?? .error, downloadToken: row["download_token"],
            bytesTransferred: row["bytes_transferred"], sequence: row["sequence"]
        )
    }

}
