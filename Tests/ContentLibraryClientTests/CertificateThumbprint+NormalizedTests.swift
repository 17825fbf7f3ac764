//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryClient
import ContentLibraryModel
import ContentLibraryAPI
import Testing

@Suite struct CertificateThumbprintTests {
    private let sha256 = "3f8a0c1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"

    @Test func everyPastedFormBecomesColonHex() throws {
        let expected = "3F:8A:0C:1B:2D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8"
        #expect(try CertificateThumbprint.normalized(self.sha256) == expected)
        #expect(try CertificateThumbprint.normalized(expected.lowercased()) == expected)
        #expect(try CertificateThumbprint.normalized("sha256 Fingerprint=" + expected) == expected)
        #expect(try CertificateThumbprint.normalized(String(repeating: "ab", count: 20)).count == 59)  // SHA-1
    }

    @Test(arguments: ["", "xyz", "3f8a", String(repeating: "g", count: 64)])
    func anythingElseIsAUsageError(_ text: String) {
        #expect(throws: ClientError.self) { try CertificateThumbprint.normalized(text) }
    }
}
