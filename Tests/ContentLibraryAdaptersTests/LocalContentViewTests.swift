//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

@Suite struct LocalContentViewTests {
    @Test func readsRangesAndStopsAtTheEnd() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("data.bin", Array(0..<100))
        let view = try LocalContentView(paths: [path])
        #expect(view.files == [ContentFile(name: "data.bin", size: 100)])
        #expect(try await view.read("data.bin", offset: 10, count: 3) == [10, 11, 12])
        #expect(try await view.read("data.bin", offset: 98, count: 10) == [98, 99])
        #expect(try await view.read("data.bin", offset: 200, count: 10) == [])
    }

    @Test func unknownNamesAndUnreadablePathsAreErrors() async throws {
        let folder = try TemporaryFolder()
        let view = try LocalContentView(paths: [try folder.write("a", [1])])
        await #expect(throws: ContentViewError.notFound("b")) { try await view.read("b", offset: 0, count: 1) }
        #expect(throws: ContentViewError.self) { try LocalContentView(paths: [folder.path + "/absent"]) }
        #expect(throws: ContentViewError.self) { try LocalContentView(paths: [folder.path]) }
    }

    @Test func aKnownDigestIsUsedAndTheFileIsNotRead() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("disk.vmdk", Array("abc".utf8))
        let recorded = String(repeating: "0", count: 64)
        let view = LocalContentView(entries: [
            .init(file: ContentFile(name: "disk.vmdk", size: 3, knownDigests: [.sha256: recorded]), path: path)
        ])
        // The recorded digest is deliberately not the content's: getting it back proves no read.
        #expect(try await view.digest(of: "disk.vmdk", algorithm: .sha256) == recorded)
        #expect(try await view.digest(of: "disk.vmdk", algorithm: .sha1) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    }

    @Test func aComputedDigestIsRemembered() async throws {
        let folder = try TemporaryFolder()
        let view = try LocalContentView(paths: [try folder.write("a", Array("abc".utf8))])
        #expect(view.knownDigestCount == 0)
        _ = try await view.digest(of: "a", algorithm: .md5)
        _ = try await view.digest(of: "a", algorithm: .md5)
        #expect(view.knownDigestCount == 1)
    }

    @Test func readAllRefusesFilesOverTheLimit() async throws {
        let folder = try TemporaryFolder()
        let view = try LocalContentView(paths: [try folder.write("big", [UInt8](repeating: 7, count: 2048))])
        #expect(try await view.readAll("big", limit: 4096).count == 2048)
        await #expect(throws: ContentViewError.tooLarge("big", size: 2048, limit: 1024)) {
            try await view.readAll("big", limit: 1024)
        }
    }
}
