//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAPI
import Testing

@Suite struct CertificateThumbprintTests {
    @Test func colonAndPlainHexInAnyCaseReadTheSameBytes() throws {
        let colon = "0A:" + Array(repeating: "ff", count: 19).joined(separator: ":")
        let plain = "0a" + String(repeating: "FF", count: 19)
        let thumbprint = try #require(CertificateThumbprint(hex: colon))
        #expect(thumbprint == CertificateThumbprint(hex: plain))
        #expect(thumbprint.isSHA1)
        #expect(thumbprint.bytes.first == 0x0A && thumbprint.bytes.last == 0xFF)
        #expect(thumbprint.colonHex == "0A:" + Array(repeating: "FF", count: 19).joined(separator: ":"))
        #expect(CertificateThumbprint(hex: String(repeating: "1", count: 64))?.isSHA1 == false)
    }

    @Test(arguments: ["", "abc", String(repeating: "g", count: 40), String(repeating: "a", count: 48), "é" + String(repeating: "a", count: 39)])
    func anythingElseIsNotAThumbprint(text: String) {
        #expect(CertificateThumbprint(hex: text) == nil)
    }
}
