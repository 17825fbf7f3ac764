//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import GenericFileAdapter
import Synchronization
import Testing

/// Services on the embedded stores in a temporary folder, with a fake fetcher and the test
/// package adapter: what a service test drives directly, without HTTP.
final class ServiceFixture: Sendable {
    let folder: String
    let services: Services
    let fetcher: FakeFetcher
    /// The content store, with its hook for placing races.
    let content: HookedContentStore
    private let clock = Clock()
    let admin = Caller(user: "administrator@vsphere.local", privileges: Set(Privilege.allCases))
    /// Another user with every privilege: to them, the admin's sessions do not exist.
    let other = Caller(user: "other@vsphere.local", privileges: Set(Privilege.allCases))

    init(
        _ scripts: [String: FakeFetcher.Script] = [:], importRoots: [String] = [], limits: ServiceLimits = ServiceLimits(),
        transferLease: TimeInterval = 15
    ) throws {
        self.folder = NSTemporaryDirectory() + "content-library-services-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
        self.fetcher = FakeFetcher(scripts)
        self.content = HookedContentStore(try FolderContentStore(datastores: ["datastore-1": self.folder + "/datastore-1"]))
        let clock = self.clock
        self.services = try Self.services(
            folder: self.folder, fetcher: self.fetcher, importRoots: importRoots, content: self.content, limits: limits,
            transferLease: transferLease, now: { clock.now }
        )
    }

    /// A second replica: other services on the same store and content, with their own transfers
    /// and replica id, on this fixture's clock.
    func replica(transferLease: TimeInterval = 15) throws -> Services {
        let clock = self.clock
        return try Self.services(
            folder: self.folder, fetcher: self.fetcher, content: self.content, transferLease: transferLease, now: { clock.now }
        )
    }

    /// Moves this fixture's clock forward.
    func advance(by seconds: TimeInterval) { self.clock.advance(by: seconds) }

    /// This fixture's time.
    var now: Date { self.clock.now }

    /// The idle time after which a session expires.
    var sessionTimeout: TimeInterval { self.services.context.configuration.sessionTimeout }

    /// A clock that stands still until the test moves it, so that deadlines are exact whatever
    /// the load of the machine running the tests.
    final class Clock: Sendable {
        private let current = Mutex(Date())
        var now: Date { self.current.withLock { $0 } }
        func advance(by seconds: TimeInterval) { self.current.withLock { $0 += seconds } }
    }

    /// Services on this fixture's folder, e.g. again after a simulated restart.
    static func services(
        folder: String, fetcher: FakeFetcher, importRoots: [String] = [], content: (any ContentStore)? = nil,
        limits: ServiceLimits = ServiceLimits(), transferLease: TimeInterval = 15, now: @escaping @Sendable () -> Date = { Date() }
    ) throws -> Services {
        let context = ServiceContext(
            metadata: try SQLiteMetadataStore(path: folder + "/metadata.sqlite"),
            content: try content ?? FolderContentStore(datastores: ["datastore-1": folder + "/datastore-1"]),
            adapters: AdapterRegistry(fallback: GenericFileAdapter(), adapters: [PackageAdapter(), ContentWarningAdapter()]),
            configuration: ServiceConfiguration(
                serverGUID: "test", importRoots: ImportRoots(importRoots), limits: limits, transferLease: transferLease
            ),
            fetcher: fetcher,
            now: now
        )
        return Services(context: context)
    }

    deinit { try? FileManager.default.removeItem(atPath: self.folder) }

    /// A library and an item in it, of `type` (generic when `nil`).
    func newItem(type: String? = nil) async throws -> String {
        let library = try await self.services.libraries.createLocal(
            LibraryModel(name: "L-\(UUID().uuidString)", storageBackings: [StorageBacking(type: .datastore, datastoreID: "datastore-1")], type: .local),
            clientToken: nil, caller: self.admin
        )
        return try await self.services.items.create(ItemModel(libraryID: library, name: "Item", type: type), clientToken: nil, caller: self.admin)
    }

    /// A library, an item in it, and an update session on the item.
    func newSession(type: String? = nil) async throws -> (item: String, session: String) {
        let item = try await self.newItem(type: type)
        return (item, try await self.services.updateSessions.create(UpdateSessionModel(libraryItemID: item), clientToken: nil, caller: self.admin))
    }

    /// Adds a PUSH file.
    @discardableResult
    func push(_ session: String, name: String, size: Int64? = nil, checksum: ChecksumInfo? = nil) async throws -> SessionFileInfo {
        try await self.services.sessionFiles.add(
            sessionID: session, SessionFileAddSpec(name: name, sourceType: .push, size: size, checksumInfo: checksum),
            uploadBase: "http://localhost", caller: self.admin
        )
    }

    /// Uploads `chunks` to a PUSH file's URL, as the upload endpoint does.
    @discardableResult
    func upload(_ file: SessionFileInfo, _ chunks: [[UInt8]], piece: UploadPiece? = nil) async throws -> SessionFileInfo {
        let uri = try #require(file.uploadEndpoint?.uri)
        let parts = uri.split(separator: "/")
        let token = String(parts[parts.count - 2])
        let length = Int64(chunks.map(\.count).reduce(0, +))
        return try await self.services.sessionFiles.upload(
            token: token, name: file.name, body: Chunks(chunks), piece: piece ?? .whole(length: length)
        )
    }

    /// Adds a PUSH file and uploads `bytes` to it in one piece.
    @discardableResult
    func pushAndUpload(_ session: String, name: String, _ bytes: [UInt8]) async throws -> SessionFileInfo {
        try await self.upload(try await self.push(session, name: name), [bytes])
    }

    /// Adds a PULL file.
    @discardableResult
    func pull(_ session: String, name: String, uri: String, size: Int64? = nil, checksum: ChecksumInfo? = nil) async throws -> SessionFileInfo {
        try await self.services.sessionFiles.add(
            sessionID: session,
            SessionFileAddSpec(name: name, sourceType: .pull, sourceEndpoint: TransferEndpoint(uri: uri), size: size, checksumInfo: checksum),
            uploadBase: "http://localhost", caller: self.admin
        )
    }

    func file(_ session: String, _ name: String) async throws -> SessionFileInfo {
        try await self.services.sessionFiles.get(sessionID: session, name: name, uploadBase: "http://localhost", caller: self.admin)
    }

    func session(_ id: String) async throws -> UpdateSessionModel {
        try await self.services.updateSessions.get(id, caller: self.admin)
    }

    /// Every regular file under the datastore folder: the blobs the server keeps.
    func blobs() -> [String] {
        let root = self.folder + "/datastore-1"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &folder) && !folder.boolValue
        }
    }
}
