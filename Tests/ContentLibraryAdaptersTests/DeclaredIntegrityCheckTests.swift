//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

@Suite struct DeclaredIntegrityCheckTests {
    let check = DeclaredIntegrityCheck(sizeRule: "T-SIZE", checksumRule: "T-SUM")

    func view(_ folder: borrowing TemporaryFolder, declaredSize: Int64? = nil, checksum: ChecksumInfo? = nil) throws -> LocalContentView {
        let path = try folder.write("f", Array("abc".utf8))
        return LocalContentView(entries: [
            .init(file: ContentFile(name: "f", size: 3, declaredSize: declaredSize, declaredChecksum: checksum), path: path)
        ])
    }

    @Test func matchingDeclarationsPass() async throws {
        let folder = try TemporaryFolder()
        let view = try self.view(folder, declaredSize: 3, checksum: ChecksumInfo(algorithm: .md5, checksum: "900150983CD24FB0D6963F7D28E17F72"))
        #expect(await self.check.findings(in: view).isEmpty)
    }

    @Test func aDifferentSizeIsAnError() async throws {
        let folder = try TemporaryFolder()
        let findings = await self.check.findings(in: try self.view(folder, declaredSize: 4))
        #expect(findings.map(\.ruleID) == ["T-SIZE"])
        #expect(findings[0].message.defaultMessage.contains("4") && findings[0].message.defaultMessage.contains("3"))
    }

    @Test func aDifferentChecksumIsAnErrorAndSHA1IsTheDefault() async throws {
        let folder = try TemporaryFolder()
        let findings = await self.check.findings(in: try self.view(folder, checksum: ChecksumInfo(algorithm: nil, checksum: "00")))
        #expect(findings.map(\.ruleID) == ["T-SUM"])
        #expect(findings[0].message.args.contains("a9993e364706816aba3e25717850c26c9cd0d89d"))
        #expect(findings[0].message.args.contains("SHA1"))
    }
}
