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

/// Small builders of store records, so each test states only what matters to it.
enum Records {
    static let time = Date(timeIntervalSince1970: 1_700_000_000)

    static func library(_ id: String = "lib-1") -> LibraryRecord {
        LibraryRecord(
            id: id, name: "Library \(id)", description: "", type: .local, datastoreID: "datastore-1", creationTime: time,
            lastModifiedTime: time, version: 1
        )
    }

    static func item(_ id: String, library: String = "lib-1", name: String? = nil) -> ItemRecord {
        ItemRecord(
            id: id, libraryID: library, name: name ?? "Item \(id)", description: "", type: "", contentVersion: 1,
            metadataVersion: 1, version: 1, creationTime: time, lastModifiedTime: time
        )
    }

    static func session(
        _ id: String, item: String, owner: String = "alice", token: String? = nil, state: UpdateSessionState = .active
    ) -> SessionRecord {
        SessionRecord(
            id: id, itemID: item, owner: owner, clientToken: token, state: state, itemContentVersion: 1, clientProgress: 0,
            errorMessage: nil, warningBehavior: [], creationTime: time, lastActivity: time, finishedTime: nil
        )
    }

    static func sessionFile(_ name: String, session: String, blob: String?, status: TransferStatus = .ready, sequence: Int64 = 0)
        -> SessionFileRecord
    {
        SessionFileRecord(
            sessionID: session, name: name, sourceType: .push, status: status, declaredSize: nil, declaredChecksum: nil,
            bytesTransferred: 3, blob: blob, digests: [.sha256: "abc"], uploadToken: nil, sourceEndpoint: nil,
            errorMessage: nil, itemFileVersion: nil, sequence: sequence
        )
    }

    static func itemFile(_ name: String, item: String, blob: String, size: Int64 = 3, version: Int64 = 1) -> ItemFileRecord {
        ItemFileRecord(itemID: item, name: name, size: size, blob: blob, digests: [.sha256: "abc"], checksum: nil, version: version)
    }
}
