//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryServices
import Foundation
import Testing

/// `ImportRoots`: containment after resolving links, `.` and `..`.
@Suite struct ImportRootsTests {
    /// A root with a file, a sibling folder outside it, and links leading out and in.
    final class Layout: Sendable {
        let base: String
        var root: String { self.base + "/root" }
        var outside: String { self.base + "/outside" }

        init() throws {
            self.base = NSTemporaryDirectory() + "content-library-roots-" + UUID().uuidString
            let files = FileManager.default
            try files.createDirectory(atPath: self.base + "/root/sub", withIntermediateDirectories: true)
            try files.createDirectory(atPath: self.base + "/outside", withIntermediateDirectories: true)
            try Data("in".utf8).write(to: URL(fileURLWithPath: self.base + "/root/sub/a.iso"))
            try Data("out".utf8).write(to: URL(fileURLWithPath: self.base + "/outside/secret"))
            try files.createSymbolicLink(atPath: self.base + "/root/escape", withDestinationPath: self.base + "/outside")
            try files.createSymbolicLink(atPath: self.base + "/outside/into", withDestinationPath: self.base + "/root/sub")
        }

        deinit { try? FileManager.default.removeItem(atPath: self.base) }
    }

    @Test func filesInsideARootAreContained() throws {
        let layout = try Layout()
        let roots = ImportRoots([layout.root])
        let real = try #require(roots.contain(layout.root + "/sub/a.iso"))
        #expect(real.hasSuffix("/root/sub/a.iso"))
        #expect(roots.contain(layout.root + "/sub/./a.iso") == real)
        #expect(roots.contain(layout.root + "/sub/../sub/a.iso") == real)
        // A file that does not exist yet, inside the root, is contained (it fails later, when read).
        #expect(roots.contain(layout.root + "/sub/new.iso") != nil)
    }

    @Test func dotDotAndLinksCannotLeaveARoot() throws {
        let layout = try Layout()
        let roots = ImportRoots([layout.root])
        #expect(roots.contain(layout.root + "/../outside/secret") == nil)
        #expect(roots.contain(layout.root + "/escape/secret") == nil)
        #expect(roots.contain(layout.root + "/sub/../../outside/secret") == nil)
        #expect(roots.contain(layout.root + "/missing/../../outside/secret") == nil)
        // A prefix of the name is not containment.
        #expect(ImportRoots([layout.base + "/out"]).contain(layout.outside + "/secret") == nil)
    }

    @Test func aLinkFromOutsideIntoARootIsContained() throws {
        let layout = try Layout()
        #expect(ImportRoots([layout.root]).contain(layout.outside + "/into/a.iso")?.hasSuffix("/root/sub/a.iso") == true)
    }

    @Test func noRootsContainNothing() throws {
        let layout = try Layout()
        #expect(ImportRoots([]).contain(layout.root + "/sub/a.iso") == nil)
    }
}
