//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import ContentLibraryStorage
import Foundation
import NIOCore
import Testing

@Suite struct FolderContentStoreTests {
    let folder: TemporaryFolder
    let store: FolderContentStore
    let location = ItemLocation(datastoreID: "datastore-1", libraryID: "lib-1", itemID: "item-1")

    init() throws {
        self.folder = try TemporaryFolder()
        self.store = try FolderContentStore(datastores: ["datastore-1": self.folder.path + "/ds1"])
    }

    private func write(_ blob: String, _ text: String) async throws {
        let writer = try await self.store.openWriter(for: blob, in: self.location, at: 0)
        try await writer.write([ByteBuffer(string: text)])
        try await writer.close()
    }

    private func contents(_ blob: String) throws -> String? {
        let path = try self.store.path(of: blob, in: self.location)
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func blobsLiveInTheItemFolderOfTheirDatastore() throws {
        let path = try self.store.path(of: "blob", in: self.location)
        #expect(path == self.folder.path + "/ds1/lib-1/item-1/blob")
    }

    @Test func closingAWriterMakesTheBlobVisible() async throws {
        let writer = try await self.store.openWriter(for: "blob-a", in: self.location, at: 0)
        try await writer.write([ByteBuffer(string: "hello ")])
        try await writer.write([ByteBuffer(string: "world")])
        try await writer.close()
        #expect(try self.contents("blob-a") == "hello world")
    }

    @Test func largeWritesArriveWhole() async throws {
        let chunk = [UInt8](repeating: 0x5A, count: 300_000)
        let writer = try await self.store.openWriter(for: "big", in: self.location, at: 0)
        for _ in 0..<5 { try await writer.write([ByteBuffer(bytes: chunk)]) }
        try await writer.close()
        let path = try self.store.path(of: "big", in: self.location)
        #expect(FileManager.default.contents(atPath: path)?.count == 1_500_000)
    }

    /// A batch of more buffers than one vectored write takes, some empty, and batches in flight
    /// at once: every byte lands at its place.
    @Test func batchesOfManyBuffersArriveInOrder() async throws {
        let writer = try await self.store.openWriter(for: "many", in: self.location, at: 0)
        var expected: [UInt8] = []
        for batch in 0..<6 {
            let buffers = (0..<1_100).map { index in
                let bytes = [UInt8](repeating: UInt8((batch * 31 + index) % 251), count: index % 7 == 0 ? 0 : index % 97 + 1)
                expected += bytes
                return ByteBuffer(bytes: bytes)
            }
            try await writer.write(buffers)
        }
        try await writer.close()
        let path = try self.store.path(of: "many", in: self.location)
        #expect(FileManager.default.contents(atPath: path).map { [UInt8]($0) } == expected)
    }

    @Test func abandoningAWriterLeavesNothing() async throws {
        let writer = try await self.store.openWriter(for: "blob-a", in: self.location, at: 0)
        try await writer.write([ByteBuffer(string: "partial")])
        await writer.abandon()
        #expect(try self.contents("blob-a") == nil)
        let folder = self.folder.path + "/ds1/lib-1/item-1"
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] == [])
    }

    @Test func aWriterAtAnOffsetKeepsThePrefixAndReplacesTheRest() async throws {
        try await self.write("blob-a", "hello there")
        let writer = try await self.store.openWriter(for: "blob-a", in: self.location, at: 6)
        try await writer.write([ByteBuffer(string: "world")])
        try await writer.close()
        #expect(try self.contents("blob-a") == "hello world")
    }

    @Test func aWriterCutShortKeepsWhatItWasGivenWhenClosed() async throws {
        let writer = try await self.store.openWriter(for: "blob-a", in: self.location, at: 0)
        try await writer.write([ByteBuffer(string: "partial")])
        try await writer.close()
        #expect(await self.store.size(of: "blob-a", in: self.location) == 7)
        #expect(await self.store.size(of: "blob-b", in: self.location) == nil)
    }

    @Test func readDeliversThePrefixInOrder() async throws {
        let chunk = [UInt8]((0..<255).map { UInt8($0) })
        let writer = try await self.store.openWriter(for: "big", in: self.location, at: 0)
        for _ in 0..<10_000 { try await writer.write([ByteBuffer(bytes: chunk)]) }
        try await writer.close()
        var read: [UInt8] = []
        try await self.store.read("big", in: self.location, range: 0..<2_000_000) { read += Array(buffer: $0) }
        #expect(read.count == 2_000_000)
        #expect(read == Array((0..<10_000).flatMap { _ in chunk }.prefix(2_000_000)))
    }

    /// The reader reuses its buffers; a consumer that keeps the chunks it was given (as the
    /// network layer does until the bytes are sent) must still see each one as it was read.
    @Test func chunksKeptByTheConsumerAreNeverOverwritten() async throws {
        let size = 5 * 512 * 1024 + 1234
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        let writer = try await self.store.openWriter(for: "kept", in: self.location, at: 0)
        try await writer.write([ByteBuffer(bytes: bytes)])
        try await writer.close()
        var kept: [ByteBuffer] = []
        try await self.store.read("kept", in: self.location, range: 0..<Int64(size)) { kept.append($0) }
        #expect(kept.count > 3)
        #expect(kept.flatMap { Array(buffer: $0) } == bytes)
        // A range inside the blob, across chunk boundaries, from an odd offset.
        var middle: [UInt8] = []
        try await self.store.read("kept", in: self.location, range: 700_001..<2_100_003) { middle += Array(buffer: $0) }
        #expect(middle == Array(bytes[700_001..<2_100_003]))
    }

    /// A blob shorter than the range asked for (truncated under the reader) is an error, not
    /// a short answer passed off as whole.
    @Test func readingPastTheEndOfABlobFails() async throws {
        try await self.write("short", "only this")
        var read: [UInt8] = []
        await #expect(throws: (any Error).self) {
            try await self.store.read("short", in: self.location, range: 0..<100) { read += Array(buffer: $0) }
        }
        #expect(read.isEmpty)
    }

    @Test func collectGarbageKeepsOnlyTheGivenBlobs() async throws {
        let (a, b, c) = (self.store.newBlobName(), self.store.newBlobName(), self.store.newBlobName())
        for blob in [a, b, c] { try await self.write(blob, blob) }
        let removed = await self.store.collectGarbage(in: self.location, keep: [b, "unknown"])
        #expect(removed == 2)
        #expect(try self.contents(a) == nil)
        #expect(try self.contents(b) == b)
        #expect(try self.contents(c) == nil)
    }

    /// Only server-made blob names are garbage: a writer's temporary file is left alone.
    @Test func collectGarbageLeavesNamesItDidNotMake() async throws {
        try await self.write("not-a-blob-name", "x")
        #expect(await self.store.collectGarbage(in: self.location, keep: []) == 0)
        #expect(try self.contents("not-a-blob-name") == "x")
    }

    @Test func collectGarbageOnAMissingFolderDoesNothing() async {
        #expect(await self.store.collectGarbage(in: self.location, keep: []) == 0)
    }

    @Test func deleteRemovesBlobsAndIgnoresMissingOnes() async throws {
        try await self.write("a", "a")
        await self.store.delete(["a", "missing"], in: self.location)
        #expect(try self.contents("a") == nil)
    }

    @Test func deleteItemRemovesItsFolderOnly() async throws {
        try await self.write("a", "a")
        let other = ItemLocation(datastoreID: "datastore-1", libraryID: "lib-1", itemID: "item-2")
        let writer = try await self.store.openWriter(for: "b", in: other, at: 0)
        try await writer.close()
        await self.store.deleteItem(self.location)
        #expect(!FileManager.default.fileExists(atPath: self.folder.path + "/ds1/lib-1/item-1"))
        #expect(FileManager.default.fileExists(atPath: try self.store.path(of: "b", in: other)))
    }

    @Test func unsafeNamesAndUnknownDatastoresAreRefused() {
        #expect(throws: (any Error).self) { try self.store.path(of: "../x", in: self.location) }
        #expect(throws: (any Error).self) { try self.store.path(of: "..", in: self.location) }
        let elsewhere = ItemLocation(datastoreID: "nowhere", libraryID: "lib-1", itemID: "item-1")
        #expect(throws: (any Error).self) { try self.store.path(of: "a", in: elsewhere) }
    }

    @Test func newBlobNamesAreUnique() {
        let names = Set((0..<100).map { _ in self.store.newBlobName() })
        #expect(names.count == 100)
    }
}
