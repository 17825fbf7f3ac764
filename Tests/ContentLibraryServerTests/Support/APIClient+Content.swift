//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Steps most tests share: create a library, an item, a session, add and upload a file.
extension APIClient {
    static let sessions = "/api/content/library/item/update-session"

    /// Creates a local library on `datastore-1`; returns its id.
    func createLibrary(_ name: String = "Library") async throws -> String {
        let response = try await self.send(
            .post, "/api/content/local-library",
            json: #"{"name":"\#(name)","storage_backings":[{"type":"DATASTORE","datastore_id":"datastore-1"}]}"#
        )
        try #require(response.status == .created, "create library: \(response.text)")
        return try response.decode(String.self)
    }

    /// Creates an item; returns its id.
    func createItem(library: String, name: String = "Item", type: String? = nil) async throws -> String {
        let response = try await self.send(.post, "/api/content/library/item", value: ItemModel(libraryID: library, name: name, type: type))
        try #require(response.status == .created, "create item: \(response.text)")
        return try response.decode(String.self)
    }

    /// Creates an update session on an item; returns its id.
    func createSession(item: String) async throws -> String {
        let response = try await self.send(.post, Self.sessions, value: UpdateSessionModel(libraryItemID: item))
        try #require(response.status == .created, "create session: \(response.text)")
        return try response.decode(String.self)
    }

    /// A library, an item in it and a session on the item.
    func createSessionOnNewItem(type: String? = nil, name: String = "Item") async throws -> (library: String, item: String, session: String) {
        let library = try await self.createLibrary()
        let item = try await self.createItem(library: library, name: name, type: type)
        return (library, item, try await self.createSession(item: item))
    }

    /// The session as `get` returns it.
    func session(_ id: String) async throws -> UpdateSessionModel {
        let response = try await self.send(.get, Self.sessions + "/" + id)
        try #require(response.status == .ok, "get session: \(response.text)")
        return try response.decode(UpdateSessionModel.self)
    }

    /// The item as `get` returns it.
    func item(_ id: String) async throws -> ItemModel {
        let response = try await self.send(.get, "/api/content/library/item/" + id)
        try #require(response.status == .ok, "get item: \(response.text)")
        return try response.decode(ItemModel.self)
    }

    /// Calls `?action=<action>` on a session.
    @discardableResult
    func action(_ action: String, session: String, json: String? = nil) async throws -> TestResponse {
        try await self.send(.post, Self.sessions + "/" + session + "?action=" + action, body: json.map { ByteBuffer(string: $0) })
    }

    /// Adds a PUSH file; returns the raw response.
    @discardableResult
    func addFile(session: String, _ spec: SessionFileAddSpec) async throws -> TestResponse {
        try await self.send(.post, Self.sessions + "/" + session + "/file", value: spec)
    }

    /// Adds a PUSH file and returns its info.
    func addPushFile(session: String, name: String, size: Int64? = nil, checksum: ChecksumInfo? = nil) async throws -> SessionFileInfo {
        let response = try await self.addFile(session: session, SessionFileAddSpec(name: name, sourceType: .push, size: size, checksumInfo: checksum))
        try #require(response.status == .created, "add file: \(response.text)")
        return try response.decode(SessionFileInfo.self)
    }

    /// Uploads bytes to an upload URL (absolute or a path), with no session header.
    @discardableResult
    func upload(_ url: String, _ bytes: [UInt8], method: HTTPRequest.Method = .put, contentType: String = "application/octet-stream")
        async throws -> TestResponse
    {
        let path = URLComponents(string: url).map(\.percentEncodedPath) ?? url
        return try await self.anonymous.send(method, path, body: ByteBuffer(bytes: bytes), headers: [.contentType: contentType])
    }

    /// Adds a PUSH file and uploads its bytes; returns the file's info after the upload.
    @discardableResult
    func addAndUpload(session: String, name: String, _ bytes: [UInt8]) async throws -> SessionFileInfo {
        let added = try await self.addPushFile(session: session, name: name, size: Int64(bytes.count))
        let uploaded = try await self.upload(try #require(added.uploadEndpoint?.uri), bytes)
        try #require(uploaded.status == .ok, "upload: \(uploaded.text)")
        return try await self.sessionFile(session: session, name: name)
    }

    /// One file of a session.
    func sessionFile(session: String, name: String) async throws -> SessionFileInfo {
        let response = try await self.send(.get, Self.sessions + "/" + session + "/file/" + Self.encode(name))
        try #require(response.status == .ok, "get file: \(response.text)")
        return try response.decode(SessionFileInfo.self)
    }

    /// The files of a session.
    func sessionFiles(session: String) async throws -> [SessionFileInfo] {
        let response = try await self.send(.get, Self.sessions + "/" + session + "/file")
        try #require(response.status == .ok, "list files: \(response.text)")
        return try response.decode([SessionFileInfo].self)
    }

    /// The files stored in an item.
    func itemFiles(_ item: String) async throws -> [ItemFileInfo] {
        let response = try await self.send(.get, "/api/content/library/item/\(item)/file")
        try #require(response.status == .ok, "list item files: \(response.text)")
        return try response.decode([ItemFileInfo].self)
    }

    /// A path segment, percent-encoded.
    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? segment
    }
}

/// Test content.
enum Fixtures {
    /// The repository's `fixtures` folder (this file is in `Tests/ContentLibraryServerTests/Support`).
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures").path

    /// The bytes of a fixture file, e.g. `iso/plain.iso`.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)))
    }
}
