//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Crypto
import Foundation
import Testing

/// `CertificatePin`: thumbprints by length, PEM certificates, and malformed pins refused.
@Suite struct CertificatePinTests {
    /// Some DER-looking bytes: the pin compares bytes, it does not parse the certificate.
    let der: [UInt8] = Array("a certificate, as far as a pin is concerned".utf8)

    func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02X", $0) }.joined(separator: ":") }

    @Test func theThumbprintLengthChoosesTheDigest() throws {
        let sha256 = self.hex(SHA256.hash(data: self.der))
        let sha1 = self.hex(Insecure.SHA1.hash(data: self.der))
        let byTwo = try #require(try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificateThumbprint: sha256)))
        #expect(byTwo.matches(leaf: self.der))
        #expect(!byTwo.matches(leaf: self.der + [0]))
        let byOne = try #require(try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificateThumbprint: sha1.lowercased())))
        #expect(byOne == .sha1(Array(Insecure.SHA1.hash(data: self.der))))
        #expect(byOne.matches(leaf: self.der))
        // Without colons too.
        let bare = try #require(try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificateThumbprint: sha256.replacingOccurrences(of: ":", with: ""))))
        #expect(bare.matches(leaf: self.der))
        #expect(CertificatePin.sha1Thumbprint(self.der) == sha1)
    }

    @Test func aPEMCertificateWinsOverTheThumbprintAndComparesTheDER() throws {
        let pem = "-----BEGIN CERTIFICATE-----\n" + Data(self.der).base64EncodedString(options: .lineLength64Characters) + "\n-----END CERTIFICATE-----\n"
        let pin = try #require(try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificateThumbprint: "00:11", sslCertificate: pem)))
        #expect(pin == .certificate(self.der))
        #expect(pin.matches(leaf: self.der))
        #expect(!pin.matches(leaf: Array(self.der.dropLast())))
    }

    @Test func noPinIsNil() throws {
        #expect(try CertificatePin(TransferEndpoint(uri: "https://h/a")) == nil)
        #expect(try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificateThumbprint: "")) == nil)
    }

    static let malformed = ["AB:CD", "ZZ" + String(repeating: ":00", count: 31), String(repeating: "00:", count: 25) + "00"]

    @Test(arguments: Self.malformed)
    func aMalformedThumbprintIsInvalidArgument(thumbprint: String) {
        #expect {
            _ = try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificateThumbprint: thumbprint))
        } throws: { error in
            (error as? APIError)?.kind == .invalidArgument
                && (error as? APIError)?.messages.first?.defaultMessage
                    == "The ssl_certificate_thumbprint '\(thumbprint)' is neither a SHA-1 (20 bytes) nor a SHA-256 (32 bytes) thumbprint in colon-separated hex."
        }
    }

    @Test func aMalformedPEMIsInvalidArgument() {
        #expect {
            _ = try CertificatePin(TransferEndpoint(uri: "https://h/a", sslCertificate: "not a certificate"))
        } throws: { error in
            (error as? APIError)?.kind == .invalidArgument
        }
    }
}
