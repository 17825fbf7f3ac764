//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import Testing

@testable import OVFAdapter

/// The CERT-* rules, run on the signed packages in `fixtures/cert` (made by make-fixtures.py).
@Suite("CertificateCheck")
struct CertificateCheckTests {
    /// `fixtures/cert` of the repository: four levels up from this file.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/cert", isDirectory: true)

    /// The private CA that signed `ca-signed`, as a trust store bundle.
    static let privateCA = fixtures.appendingPathComponent("private-ca.pem").path

    /// A time inside every valid fixture's validity (2020–2099).
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15

    /// A date at midnight UTC on 1 January.
    static func year(_ year: Int) -> Date {
        var components = DateComponents()
        components.year = year
        components.month = 6
        components.day = 1
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: components)!
    }

    /// The content of one fixture package.
    static func view(_ fixture: String) throws -> LocalContentView {
        let directory = Self.fixtures.appendingPathComponent(fixture, isDirectory: true)
        return try LocalContentView(
            paths: ["pkg.ovf", "disk1.vmdk", "pkg.mf", "pkg.cert"].map {
                directory.appendingPathComponent($0).path
            })
    }

    /// Runs the check on a fixture package.
    static func check(
        _ fixture: String,
        trustStore: String? = nil,
        manifest: String? = "pkg.mf",
        now: Date = Self.now
    ) async throws -> CertificateCheck.Outcome {
        await CertificateCheck(trustStorePath: trustStore).check(
            certificateName: "pkg.cert", manifestName: manifest, content: try Self.view(fixture), now: now
        )
    }

    /// A copy of a fixture package whose `pkg.cert` is replaced by `edit` of it.
    static func edited(_ fixture: String, _ edit: (String) -> String) throws -> TemporaryPackage {
        let package = try TemporaryPackage()
        try package.copy(from: Self.fixtures.appendingPathComponent(fixture, isDirectory: true))
        try package.write("pkg.cert", edit(String(decoding: try package.bytes("pkg.cert"), as: UTF8.self)))
        return package
    }

    /// Runs the check on an edited package.
    static func check(_ package: TemporaryPackage, manifest: String? = "pkg.mf") async throws
        -> CertificateCheck.Outcome
    {
        await CertificateCheck(trustStorePath: Self.privateCA).check(
            certificateName: "pkg.cert", manifestName: manifest, content: try package.view(), now: Self.now
        )
    }

    @Test("A self-signed signature verifies; SELF_SIGNED and UNTRUSTED are the only findings")
    func selfSigned() async throws {
        let outcome = try await Self.check("self-signed")
        #expect(outcome.findings.map(\.ruleID) == ["CERT-005", "CERT-008"])
        #expect(outcome.findings.map(\.warningType) == [.selfSignedCertificate, .untrustedCertificate])
        #expect(outcome.findings.allSatisfy { $0.severity == .warning && $0.file == "pkg.cert" })
        let preview = try #require(outcome.preview)
        let info = try #require(preview.certificateInfo)
        #expect(info.selfSigned)
        #expect(info.subject == info.issuer && info.subject.contains("Fixture Self-Signed Signer"))
        #expect(info.x509.hasPrefix("-----BEGIN CERTIFICATE-----\n"))
        #expect(preview.certChain?.count == 1)
        let certificateText = String(
            decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent("self-signed/pkg.cert")), as: UTF8.self)
        #expect(certificateText.contains(info.x509))
    }

    @Test("CERT-008 does not fire when the trust store holds the signer or its CA")
    func trusted() async throws {
        let selfTrusted = try await Self.check(
            "self-signed", trustStore: Self.fixtures.appendingPathComponent("self-signed/pkg.cert").path
        )
        #expect(selfTrusted.findings.map(\.ruleID) == ["CERT-005"])
        let caSigned = try await Self.check("ca-signed", trustStore: Self.privateCA)
        #expect(caSigned.findings.isEmpty)
        #expect(caSigned.preview?.certificateInfo?.selfSigned == false)
        #expect(caSigned.preview?.certificateInfo?.issuer.contains("Fixture Private CA") == true)
        let chained = try await Self.check("ca-signed-chain", trustStore: Self.privateCA)
        #expect(chained.findings.isEmpty)
        #expect(chained.preview?.certChain?.count == 2)
    }

    @Test("CERT-008: a leaf from a private CA is untrusted by the system store or an unreadable one")
    func untrusted() async throws {
        let system = try await Self.check("ca-signed")
        #expect(system.findings.map(\.ruleID) == ["CERT-008"])
        #expect(system.findings[0].warningType == .untrustedCertificate)
        let unreadable = try await Self.check("ca-signed-chain", trustStore: "/nonexistent/bundle.pem")
        #expect(unreadable.findings.map(\.ruleID) == ["CERT-008"])
    }

    @Test("CERT-006: an expired signer warns, and not before its end date")
    func expired() async throws {
        let outcome = try await Self.check("expired")
        #expect(outcome.findings.map(\.ruleID) == ["CERT-005", "CERT-006", "CERT-008"])
        let finding = try #require(outcome.findings.first { $0.ruleID == "CERT-006" })
        #expect(finding.warningType == .expiredCertificate && finding.severity == .warning)
        #expect(finding.message.defaultMessage.contains("2021-01-01"))
        let earlier = try await Self.check("expired", now: Self.year(2018))
        #expect(earlier.findings.map(\.ruleID) == ["CERT-005", "CERT-008"])
    }

    @Test("CERT-006 covers chain members, and time never makes a rooted chain untrusted")
    func expiredChain() async throws {
        let outcome = try await Self.check("ca-signed-chain", trustStore: Self.privateCA, now: Self.year(2100))
        #expect(outcome.findings.map(\.ruleID) == ["CERT-006"])
        #expect(outcome.findings[0].message.defaultMessage.contains("chain certificate 1"))
        let early = try await Self.check("ca-signed", trustStore: Self.privateCA, now: Self.year(2010))
        #expect(early.findings.map(\.ruleID) == ["CERT-007"])
    }

    @Test("CERT-007: a signer not yet valid warns, and not once it is")
    func notYetValid() async throws {
        let outcome = try await Self.check("not-yet-valid")
        #expect(outcome.findings.map(\.ruleID) == ["CERT-005", "CERT-007", "CERT-008"])
        #expect(outcome.findings[1].warningType == .notYetValidCertificate)
        let later = try await Self.check("not-yet-valid", now: Self.year(2095))
        #expect(later.findings.map(\.ruleID) == ["CERT-005", "CERT-008"])
    }

    @Test("CERT-004: a signature that does not match the manifest is an error; the preview stays")
    func badSignature() async throws {
        let outcome = try await Self.check(
            "bad-signature", trustStore: Self.fixtures.appendingPathComponent("self-signed/pkg.cert").path)
        #expect(outcome.findings.map(\.ruleID) == ["CERT-004", "CERT-005"])
        #expect(outcome.findings[0].severity == .error && outcome.findings[0].file == "pkg.cert")
        #expect(outcome.preview?.certificateInfo != nil)
    }

    @Test("CERT-004: a changed manifest no longer verifies")
    func changedManifest() async throws {
        let package = try Self.edited("ca-signed") { $0 }
        try package.write("pkg.mf", try package.bytes("pkg.mf") + Array("\n".utf8))
        #expect(try await Self.check(package).findings.map(\.ruleID) == ["CERT-004"])
    }

    @Test("CERT-010: a SHA1 signature verifies but warns of a weak digest")
    func sha1() async throws {
        let outcome = try await Self.check(
            "sha1", trustStore: Self.fixtures.appendingPathComponent("self-signed/pkg.cert").path)
        #expect(outcome.findings.map(\.ruleID) == ["CERT-010", "CERT-005"])
        #expect(outcome.findings[0].warningType == WarningType(rawValue: "WEAK_DIGEST"))
        #expect(outcome.findings[0].severity == .warning)
    }

    @Test("CERT-001: a certificate without a manifest is an error, and the signer is still previewed")
    func noManifest() async throws {
        let outcome = try await Self.check("ca-signed", trustStore: Self.privateCA, manifest: nil)
        #expect(outcome.findings.map(\.ruleID) == ["CERT-001"])
        #expect(outcome.findings[0].severity == .error)
        #expect(outcome.preview?.certificateInfo != nil)
        let notUploaded = try await Self.check("ca-signed", trustStore: Self.privateCA, manifest: "other.mf")
        #expect(notUploaded.findings.map(\.ruleID).contains("CERT-001"))
    }

    @Test(
        "CERT-002: the signature line must name the manifest with SHA1, SHA256 or SHA512 and hex",
        arguments: [
            ("SHA256(pkg.mf)=", "SHA256(other.mf)="),
            ("SHA256(pkg.mf)=", "MD5(pkg.mf)="),
            ("SHA256(pkg.mf)= ", "SHA256(pkg.mf)= zz"),
            ("SHA256(pkg.mf)= ", "garbage "),
        ]
    )
    func signatureLine(original: String, replacement: String) async throws {
        let package = try Self.edited("ca-signed") { $0.replacingOccurrences(of: original, with: replacement) }
        let outcome = try await Self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["CERT-002"])
        #expect(outcome.findings[0].severity == .error && outcome.findings[0].line == 1)
        #expect(outcome.preview != nil)
    }

    @Test("CERT-002: a certificate file with no signature line at all")
    func noSignatureLine() async throws {
        let package = try Self.edited("ca-signed") { String($0[$0.range(of: "-----BEGIN")!.lowerBound...]) }
        let outcome = try await Self.check(package)
        #expect(outcome.findings.map(\.ruleID) == ["CERT-002"])
    }

    @Test("CERT-003: no certificate, or a signer that does not parse, is an error without a preview")
    func unparsableCertificates() async throws {
        let none = try Self.edited("ca-signed") { String($0.prefix { $0 != "\n" }) + "\n" }
        let noneOutcome = try await Self.check(none)
        #expect(noneOutcome.findings.map(\.ruleID) == ["CERT-003"])
        #expect(noneOutcome.preview == nil)
        let broken = try Self.edited("ca-signed") {
            $0.replacingOccurrences(of: "-----BEGIN CERTIFICATE-----\nMII", with: "-----BEGIN CERTIFICATE-----\nAAA")
        }
        let brokenOutcome = try await Self.check(broken)
        #expect(brokenOutcome.findings.map(\.ruleID) == ["CERT-003"])
        #expect(brokenOutcome.findings[0].line == 2)
        #expect(brokenOutcome.preview == nil)
    }

    @Test("A certificate file with CRLF line endings parses and verifies")
    func crlf() async throws {
        let package = try Self.edited("ca-signed-chain") { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        let outcome = try await Self.check(package)
        #expect(outcome.findings.isEmpty)
        #expect(outcome.preview?.certChain?.count == 2)
    }

    @Test("The trust store bundle is parsed once per path: later changes to the file are not seen")
    func trustStoreCache() throws {
        let package = try TemporaryPackage()
        try package.write("bundle.pem", Array(try Data(contentsOf: URL(fileURLWithPath: Self.privateCA))))
        let first = TrustStore.shared.roots(atPath: package.path("bundle.pem"))
        #expect(first.certificates.count == 1)
        try package.write("bundle.pem", "")
        #expect(TrustStore.shared.roots(atPath: package.path("bundle.pem")) == first)
    }

    @Test("Concurrent checks share one trust store safely")
    func concurrentChecks() async throws {
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { try await Self.check("ca-signed", trustStore: Self.privateCA).findings.map(\.ruleID) }
            }
            return try await group.reduce(into: [[String]]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: [], count: 8))
    }
}
