//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryFetch
import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Foundation
import Testing

/// `file://` pulls read the resolved file inside an import root.
@Suite struct LocalFileReaderTests {
    let fetcher = HTTPSourceFetcher()

    @Test func readsAFileInsideAnImportRoot() async throws {
        let root = NSTemporaryDirectory() + "content-library-fetch-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let content = testBytes(700_000)
        try Data(content).write(to: URL(fileURLWithPath: root + "/disk.vmdk"))
        let source = try PullSource(TransferEndpoint(uri: "file://" + root + "/disk.vmdk"), importRoots: ImportRoots([root]))
        let fetched = try await self.fetcher.collect(source)
        #expect(fetched.bytes == content)
        #expect(fetched.expectedLength == 700_000)
        #expect(await self.fetcher.probe(source).status == .success)

        let missing = PullSource(uri: "file://" + root + "/none", location: .file(path: root + "/none"))
        let error = await fetchError { try await self.fetcher.collect(missing) }
        #expect(error?.reason == .file)
        #expect(error?.message == "The file \(root)/none does not exist.")
        #expect(await self.fetcher.probe(missing).status == .resourceNotFound)

        let folder = PullSource(uri: "file://" + root, location: .file(path: root))
        #expect(await fetchError { try await self.fetcher.collect(folder) }?.message == "\(root) is not a regular file.")
    }
}
