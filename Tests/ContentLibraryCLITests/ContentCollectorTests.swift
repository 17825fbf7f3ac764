//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
@testable import ContentLibraryCLI
import Foundation
import Testing

@Suite struct ContentCollectorTests {
    func makeFolder(_ files: [String: String]) throws -> String {
        let folder = NSTemporaryDirectory() + "collector-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        return folder
    }

    @Test func aFolderStandsForTheRegularFilesInsideIt() throws {
        let folder = try self.makeFolder(["pkg.ovf": "<x/>", "disk1.vmdk": "1234"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let view = try ContentCollector().collect([folder])
        #expect(view.fileNames == ["disk1.vmdk", "pkg.ovf"])
        #expect(view.file(named: "disk1.vmdk")?.size == 4)
    }

    @Test func filesAndFoldersCombine() throws {
        let folder = try self.makeFolder(["a.txt": "a"])
        let other = try self.makeFolder(["b.txt": "bb"])
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: other)
        }
        let view = try ContentCollector().collect([folder, other + "/b.txt"])
        #expect(view.fileNames == ["a.txt", "b.txt"])
    }

    @Test func twoFilesWithOneNameAreRefused() throws {
        let folder = try self.makeFolder(["a.txt": "a"])
        let other = try self.makeFolder(["a.txt": "b"])
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            try? FileManager.default.removeItem(atPath: other)
        }
        #expect(throws: ContentCollector.Problem.self) { try ContentCollector().collect([folder, other]) }
    }

    @Test func absentPathsAndEmptyFoldersAreRefused() throws {
        let folder = try self.makeFolder([:])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: ContentCollector.Problem.self) { try ContentCollector().collect([folder + "/absent"]) }
        #expect(throws: ContentCollector.Problem.self) { try ContentCollector().collect([folder]) }
    }
}
