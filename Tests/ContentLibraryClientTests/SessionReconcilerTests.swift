//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryClient
import ContentLibraryModel
import ContentLibraryAPI
import Testing

/// The per-file decisions of an import that adopts a session an earlier run left: skip what the
/// server provably holds, continue what it holds part of, send the rest whole.
@Suite struct SessionReconcilerTests {
    private static let serverHex = String(repeating: "ab", count: 32)
    private static let otherHex = String(repeating: "cd", count: 32)
    private static let url = "http://127.0.0.1:1/cls/data/token/disk.bin"

    private func planned(_ name: String, size: Int64 = 100, checksum: String? = nil) -> ImportPlan.File {
        ImportPlan.File(
            name: name, source: FileSlice(path: "/nonexistent/" + name, length: size),
            checksum: checksum.map { ChecksumInfo(algorithm: .sha256, checksum: $0) }
        )
    }

    private func session(
        _ name: String, _ status: TransferStatus, bytes: Int64 = 0, size: Int64? = nil, checksum: String? = nil, source: SourceType = .push
    ) -> SessionFileInfo {
        SessionFileInfo(
            name: name, sourceType: source, size: size, checksumInfo: checksum.map { ChecksumInfo(algorithm: .sha256, checksum: $0) },
            uploadEndpoint: source == .push ? TransferEndpoint(uri: Self.url) : nil, bytesTransferred: bytes, status: status
        )
    }

    /// A local digest that must not be needed.
    private let noRead: (FileSlice) throws(ClientError) -> String = { slice throws(ClientError) in
        throw ClientError.importFailed("read \(slice.path) although no local digest was needed")
    }

    private func action(_ file: ImportPlan.File, _ info: SessionFileInfo?, localDigest: String? = nil) throws -> SessionReconciler.Action {
        if let localDigest {
            return try SessionReconciler.action(for: file, info, localSHA256: { _ throws(ClientError) in localDigest })
        }
        return try SessionReconciler.action(for: file, info, localSHA256: self.noRead)
    }

    // MARK: One file

    @Test func aFileNotInTheSessionOrOnlyTheItemsEarlierFileIsUploaded() throws {
        #expect(try self.action(self.planned("a.bin"), nil) == .upload)
        let earlier = self.session("a.bin", .ready, bytes: 100, size: 100, checksum: Self.serverHex, source: .none)
        #expect(try self.action(self.planned("a.bin"), earlier) == .upload)
    }

    @Test func aReadyFileWithTheManifestChecksumIsSkippedWithoutReadingIt() throws {
        let info = self.session("a.bin", .ready, bytes: 100, size: 100, checksum: Self.serverHex.uppercased())
        guard case .skip = try self.action(self.planned("a.bin", checksum: Self.serverHex), info) else {
            Issue.record("not skipped")
            return
        }
        #expect(try self.action(self.planned("a.bin", checksum: Self.otherHex), info) == .upload)
    }

    @Test func aReadyFileWithoutManifestIsSkippedOnlyWhenTheLocalDigestMatches() throws {
        let info = self.session("a.bin", .ready, bytes: 100, size: 100, checksum: Self.serverHex)
        guard case .skip = try self.action(self.planned("a.bin"), info, localDigest: Self.serverHex) else {
            Issue.record("not skipped")
            return
        }
        #expect(try self.action(self.planned("a.bin"), info, localDigest: Self.otherHex) == .upload)
    }

    @Test func aReadyFileOfAnotherSizeIsUploadedWithoutReadingIt() throws {
        let info = self.session("a.bin", .ready, bytes: 99, size: 99, checksum: Self.serverHex)
        #expect(try self.action(self.planned("a.bin"), info) == .upload)
    }

    @Test func aTransferringFileResumesFromTheServersOffset() throws {
        let info = self.session("disk.bin", .transferring, bytes: 40)
        #expect(try self.action(self.planned("disk.bin"), info) == .resume(offset: 40, url: Self.url))
        let declared = self.session("disk.bin", .transferring, bytes: 40, checksum: Self.serverHex)
        #expect(try self.action(self.planned("disk.bin", checksum: Self.serverHex), declared) == .resume(offset: 40, url: Self.url))
    }

    @Test func aTransferringFileAddedWithAnotherChecksumOrMoreBytesIsAddedAgain() throws {
        let declared = self.session("disk.bin", .transferring, bytes: 40, checksum: Self.otherHex)
        #expect(try self.action(self.planned("disk.bin", checksum: Self.serverHex), declared) == .upload)
        #expect(try self.action(self.planned("disk.bin"), declared) == .upload)
        #expect(try self.action(self.planned("disk.bin"), self.session("disk.bin", .transferring, bytes: 101)) == .upload)
    }

    @Test func waitingErrorAndPulledFilesAreAddedAgain() throws {
        #expect(try self.action(self.planned("a.bin"), self.session("a.bin", .waitingForTransfer)) == .upload)
        #expect(try self.action(self.planned("a.bin"), self.session("a.bin", .error, bytes: 40)) == .upload)
        #expect(try self.action(self.planned("a.bin"), self.session("a.bin", .transferring, bytes: 40, source: .pull)) == .upload)
    }

    @Test func aValidatingFileContinuesAtItsEndSoNothingIsSent() throws {
        #expect(try self.action(self.planned("a.bin"), self.session("a.bin", .validating, bytes: 100)) == .resume(offset: 100, url: Self.url))
    }

    // MARK: Whole plans

    @Test func aFreshSessionUploadsEverythingAndRemovesTheItemsOtherFiles() throws {
        let plan = ImportPlan(kind: .folder, defaultItemName: "f", itemType: nil, files: [self.planned("a.bin"), self.planned("b.bin")])
        let files = [
            self.session("a.bin", .ready, bytes: 100, size: 100, checksum: Self.serverHex, source: .none),
            self.session("old.bin", .ready, bytes: 5, size: 5, checksum: Self.serverHex, source: .none),
        ]
        let result = try SessionReconciler(plan: plan, sessionFiles: files).reconcile(localSHA256: self.noRead)
        #expect(result.actions == [.upload, .upload])
        #expect(result.removals == ["old.bin"])
        #expect(result.notes.isEmpty)
    }

    @Test func aManifestToAddAfterTheDescriptorRemovesAndResendsTheDescriptor() throws {
        let plan = ImportPlan(
            kind: .ovfPackage, defaultItemName: "p", itemType: "ovf",
            files: [self.planned("p.mf"), self.planned("p.ovf", checksum: Self.serverHex), self.planned("disk.vmdk", checksum: Self.otherHex)]
        )
        let files = [
            self.session("p.mf", .ready, bytes: 100, size: 100, checksum: Self.serverHex),
            self.session("p.ovf", .ready, bytes: 100, size: 100, checksum: Self.serverHex),
            self.session("disk.vmdk", .transferring, bytes: 60, checksum: Self.otherHex),
        ]
        let reconciler = SessionReconciler(plan: plan, sessionFiles: files)
        // The manifest is unchanged: everything kept, the disk continues.
        let same = try reconciler.reconcile(localSHA256: { _ throws(ClientError) in Self.serverHex })
        #expect(same.removals.isEmpty)
        #expect(same.actions.map { if case .skip = $0 { return "skip" } else { return "\($0)" } }
            == ["skip", "skip", "\(SessionReconciler.Action.resume(offset: 60, url: Self.url))"])
        // The manifest changed: it must be added, so the descriptor goes first and is sent again.
        let changed = try reconciler.reconcile(localSHA256: { _ throws(ClientError) in Self.otherHex })
        #expect(changed.removals == ["p.ovf"])
        #expect(changed.actions[0] == .upload && changed.actions[1] == .upload)
        #expect(changed.actions[2] == .resume(offset: 60, url: Self.url))
        #expect(changed.notes.count == 1)
    }
}
