//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

@Suite struct SlicedContentViewTests {
    @Test func slicesReadTheirRangeOfTheBaseFile() async throws {
        let folder = try TemporaryFolder()
        let base = try LocalContentView(paths: [try folder.write("pkg.ova", Array("headerABCDEFtrailer".utf8))])
        let view = SlicedContentView(base: base, slices: [
            .init(name: "pkg.ovf", baseName: "pkg.ova", offset: 6, size: 3),
            .init(name: "disk.vmdk", baseName: "pkg.ova", offset: 9, size: 3),
        ])
        #expect(view.fileNames == ["pkg.ovf", "disk.vmdk"])
        #expect(try await view.readAll("pkg.ovf", limit: 100) == Array("ABC".utf8))
        #expect(try await view.read("disk.vmdk", offset: 1, count: 100) == Array("EF".utf8))
        #expect(try await view.read("disk.vmdk", offset: 3, count: 1) == [])
        #expect(try await view.digest(of: "pkg.ovf", algorithm: .sha256) == StreamingHasher.digest(Array("ABC".utf8), algorithm: .sha256))
    }
}
