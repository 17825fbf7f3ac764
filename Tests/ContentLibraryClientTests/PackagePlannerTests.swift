//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
@testable import ContentLibraryClient
import ContentLibraryModel
import Crypto
import Foundation
import QCOW2Adapter
import StandardAdapters
import Testing

@Suite struct PackagePlannerTests {
    /// The adapters `content-library import` types new items with: the standard ones and QCOW2.
    static let registry: AdapterRegistry = {
        var registry = AdapterRegistry.standard()
        registry.register(QCOW2Adapter())
        return registry
    }()

    static let planner = PackagePlanner(registry: registry)

    private func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    private func bytes(_ file: ImportPlan.File) throws -> [UInt8] {
        try Fixtures.bytes(of: try #require(file.source))
    }

    // MARK: OVF folders

    @Test func ovfFolderSendsTheDescriptorThenItsReferencedFiles() async throws {
        let plan = try await Self.planner.plan(path: Fixtures.path("ovf/minimal"))
        #expect(plan.kind == .ovfPackage)
        #expect(plan.itemType == "ovf")
        #expect(plan.defaultItemName == "minimal")
        #expect(plan.files.map(\.name) == ["minimal.ovf", "disk1.vmdk"])
        #expect(plan.files.allSatisfy { $0.checksum == nil })  // no manifest: computed while sending
        #expect(try self.bytes(plan.files[1]) == Fixtures.bytes("ovf/minimal/disk1.vmdk"))
        #expect(plan.totalBytes == Int64(try Fixtures.bytes("ovf/minimal/minimal.ovf").count + 2048))
    }

    @Test func manifestAndCertificateComeBeforeTheDescriptorWithManifestChecksums() async throws {
        let plan = try await Self.planner.plan(path: Fixtures.path("cert/self-signed/pkg.ovf"))
        #expect(plan.defaultItemName == "pkg")
        #expect(plan.files.map(\.name) == ["pkg.mf", "pkg.cert", "pkg.ovf", "disk1.vmdk"])
        let byName = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.name, $0) })
        #expect(byName["pkg.mf"]?.checksum == nil)
        #expect(byName["pkg.cert"]?.checksum == nil)
        #expect(byName["pkg.ovf"]?.checksum == ChecksumInfo(algorithm: .sha256, checksum: self.sha256(try Fixtures.bytes("cert/self-signed/pkg.ovf"))))
        #expect(byName["disk1.vmdk"]?.checksum == ChecksumInfo(algorithm: .sha256, checksum: self.sha256(try Fixtures.bytes("cert/self-signed/disk1.vmdk"))))
    }

    @Test func chunkedFilesAreSentByTheirParts() async throws {
        let plan = try await Self.planner.plan(path: Fixtures.path("ovf/chunked"))
        #expect(plan.files.map(\.name) == ["chunked.ovf"] + (0..<4).map { "disk1.vmdk.00000000\($0)" })
    }

    @Test func aMissingReferencedFileIsReportedBeforeAnythingIsSent() async throws {
        let folder = try TemporaryFolder()
        try folder.write("minimal.ovf", try Fixtures.bytes("ovf/minimal/minimal.ovf"))
        await #expect {
            _ = try await Self.planner.plan(path: folder.path)
        } throws: { error in
            guard let error = error as? ClientError, case .importFailed(let text) = error else { return false }
            return text.contains("disk1.vmdk") && !error.isUsageOrConnection
        }
    }

    @Test func filesOutsideThePackageAreLeftOutWithANote() async throws {
        let folder = try TemporaryFolder()
        try folder.copy(fixture: "ovf/minimal")
        try folder.write("notes.txt", Array("hello".utf8))
        let plan = try await Self.planner.plan(path: folder.path + "/")
        #expect(plan.files.map(\.name) == ["minimal.ovf", "disk1.vmdk"])
        #expect(plan.notes.contains { $0.contains("notes.txt") })
    }

    @Test func twoDescriptorsInAFolderAreAUsageError() async throws {
        let folder = try TemporaryFolder()
        try folder.copy(fixture: "ovf/minimal")
        try folder.write("other.ovf", try Fixtures.bytes("ovf/minimal/minimal.ovf"))
        await #expect {
            _ = try await Self.planner.plan(path: folder.path)
        } throws: { error in
            (error as? ClientError)?.isUsageOrConnection == true && "\(error)".contains("other.ovf")
        }
    }

    @Test func anUnreadableDescriptorFailsThePlan() async throws {
        let folder = try TemporaryFolder()
        try folder.write("broken.ovf", Array("<Envelope><References>".utf8))
        await #expect {
            _ = try await Self.planner.plan(path: folder.path)
        } throws: { error in
            guard let error = error as? ClientError, case .importFailed(let text) = error else { return false }
            return text.contains("broken.ovf")
        }
    }

    // MARK: OVA archives

    @Test(arguments: ["good-ustar.ova", "good-pax.ova", "good-gnu.ova"])
    func ovaMembersAreSentFromTheirRangesOfTheArchive(_ archive: String) async throws {
        let path = Fixtures.path("ova/" + archive)
        let plan = try await Self.planner.plan(path: path)
        #expect(plan.kind == .ovaArchive)
        #expect(plan.itemType == "ovf")
        #expect(plan.defaultItemName == String(archive.dropLast(4)))
        #expect(plan.files.first?.name == "vm.mf")
        #expect(plan.files.dropFirst().first?.name == "vm.ovf")
        #expect(plan.files.count == 4)
        for file in plan.files {
            #expect(file.source?.path == path)
            #expect((file.source?.offset ?? 0) % 512 == 0)  // tar data starts on a block
        }
        let disk = try #require(plan.files.first { $0.name == "disk1.vmdk" })
        #expect(try self.bytes(disk) == Fixtures.bytes("ova/good.disk1.vmdk"))
        #expect(disk.checksum == ChecksumInfo(algorithm: .sha256, checksum: self.sha256(try Fixtures.bytes("ova/good.disk1.vmdk"))))
        let descriptor = try #require(plan.files.first { $0.name == "vm.ovf" })
        #expect(descriptor.checksum?.checksum == self.sha256(try self.bytes(descriptor)))
    }

    @Test func aCompressedOVAIsRefused() async throws {
        await #expect {
            _ = try await Self.planner.plan(path: Fixtures.path("ova/gzip.ova"))
        } throws: { error in
            guard let error = error as? ClientError, case .importFailed(let text) = error else { return false }
            return text.contains("compressed")
        }
    }

    @Test func anOVAWithoutDescriptorIsRefused() async throws {
        await #expect(throws: ClientError.self) {
            _ = try await Self.planner.plan(path: Fixtures.path("ova/no-ovf.ova"))
        }
    }

    @Test func anOVAIsOneFileWhenArchivesAreSentWhole() async throws {
        let path = Fixtures.path("ova/good-ustar.ova")
        let plan = try await PackagePlanner(registry: Self.registry, archivesWhole: true).plan(path: path)
        #expect(plan.kind == .singleFile)
        #expect(plan.itemType == "ovf")
        #expect(plan.defaultItemName == "good-ustar")
        #expect(plan.files.map(\.name) == ["good-ustar.ova"])
        #expect(plan.files[0].source?.length == Int64(try Fixtures.bytes("ova/good-ustar.ova").count))
    }

    // MARK: Single files and folders

    @Test func anISOIsOneFileOfTypeISO() async throws {
        let plan = try await Self.planner.plan(path: Fixtures.path("iso/plain.iso"))
        #expect(plan.kind == .singleFile)
        #expect(plan.itemType == "iso")
        #expect(plan.defaultItemName == "plain.iso")
        #expect(plan.files == [ImportPlan.File(name: "plain.iso", source: FileSlice(path: Fixtures.path("iso/plain.iso"), length: 71680))])
    }

    @Test func aQCOW2ImageIsOfTypeQCOW2() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("x.qcow2", Array(repeating: 0, count: 8))
        let plan = try await Self.planner.plan(path: path)
        #expect(plan.kind == .singleFile)
        #expect(plan.itemType == "qcow2")
    }

    @Test func anExternalClaimTypesTheItem() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.txt", [1])
        try folder.write("b.txt", [2])
        var registry = Self.registry
        registry.register(TextAdapter())
        let plan = try await PackagePlanner(registry: registry).plan(path: folder.path)
        #expect(plan.kind == .folder)
        #expect(plan.itemType == "text")
        #expect(try await Self.planner.plan(path: folder.path).itemType == nil)
    }

    @Test func anyOtherFileIsGeneric() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("notes.txt", Array("hello".utf8))
        let plan = try await Self.planner.plan(path: path)
        #expect(plan.itemType == nil)
        #expect(plan.files.map(\.name) == ["notes.txt"])
        #expect(plan.files[0].size == 5)
    }

    @Test func aFolderWithoutDescriptorSendsItsFiles() async throws {
        let folder = try TemporaryFolder()
        try folder.write("b.txt", [1])
        try folder.write("a.bin", [2, 3])
        try folder.write(".hidden", [4])
        let plan = try await Self.planner.plan(path: folder.path)
        #expect(plan.kind == .folder)
        #expect(plan.itemType == nil)
        #expect(plan.files.map(\.name) == ["a.bin", "b.txt"])
    }

    @Test func aMissingPathIsAUsageError() async throws {
        await #expect {
            _ = try await Self.planner.plan(path: "/nonexistent/content-library/x.iso")
        } throws: { error in
            (error as? ClientError)?.isUsageOrConnection == true
        }
    }

    // MARK: Pull plans

    @Test func aPullWithoutLocalCopyIsOneFileNamedAfterTheURL() async throws {
        let plan = try await Self.planner.pullPlan(url: "http://mirror.example/images/debian%2012.iso", path: nil)
        #expect(plan.files == [ImportPlan.File(name: "debian 12.iso", source: nil, pullURL: "http://mirror.example/images/debian%2012.iso")])
        #expect(plan.itemType == "iso")
        #expect(plan.isPull)
        #expect(plan.totalBytes == 0)
    }

    @Test func aPullOfAPackageFetchesEachFileBesideTheFolderURL() async throws {
        let plan = try await Self.planner.pullPlan(url: "http://host/pkg/", path: Fixtures.path("cert/self-signed"))
        #expect(plan.files.map(\.pullURL) == ["http://host/pkg/pkg.mf", "http://host/pkg/pkg.cert", "http://host/pkg/pkg.ovf", "http://host/pkg/disk1.vmdk"])
        #expect(plan.files.allSatisfy { $0.source != nil })
    }

    @Test func aPullOfOneFileUsesTheURLAsGivenAndAnOVAWhole() async throws {
        let plan = try await Self.planner.pullPlan(url: "https://host/dl?id=7", path: Fixtures.path("ova/good-ustar.ova"))
        #expect(plan.files.map(\.name) == ["good-ustar.ova"])
        #expect(plan.files.map(\.pullURL) == ["https://host/dl?id=7"])
    }

    @Test func aPullURLMustBeHTTP() async throws {
        await #expect {
            _ = try await Self.planner.pullPlan(url: "ftp://host/x.iso", path: nil)
        } throws: { error in
            (error as? ClientError)?.isUsageOrConnection == true
        }
    }
}

/// An adapter claiming `.txt` files, as an external adapter with `"extensions": ["txt"]` does.
private struct TextAdapter: TypeAdapter {
    let info = TypeInfo(type: "text", name: "Text", description: "Text files", vendor: "test", version: "1")
    let warningDeclarations: [WarningDeclaration] = []
    let fileClaim = FileClaim(extensions: ["txt"])

    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport { ValidationReport() }
}
