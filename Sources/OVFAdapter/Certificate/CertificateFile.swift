//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// A package's `.cert` split into its signature line and its certificates (CERT-002, CERT-003).
///
/// The layout is ovftool's and open-vmdk's: `ALG(<manifest>)= <hex signature>` on the first
/// line, then PEM certificates, the first the signer and the rest its chain (formats.md §2.3).
struct CertificateFile: Sendable {
    /// The signature line, split and decoded.
    struct SignatureLine: Sendable {
        /// The digest the signature was made over: SHA1, SHA256 or SHA512.
        var algorithm: ChecksumAlgorithm
        /// The manifest the line names.
        var manifestName: String
        /// The raw signature bytes.
        var signature: [UInt8]
    }

    /// The signature line, when it is valid and names the package manifest.
    var signature: SignatureLine?
    /// The signer certificate, when the first PEM block parses.
    var signer: PEMCertificate.Parsed?
    /// The chain certificates that parse, in order.
    var chain: [PEMCertificate.Parsed] = []
    /// The CERT-002 and CERT-003 errors.
    var findings: [Finding] = []

    /// Splits `text`, the content of `certificateName`; `manifestName` is the package manifest, if any.
    static func parse(_ text: String, certificateName name: String, manifestName: String?) -> CertificateFile {
        var file = CertificateFile()
        let lines = ManifestLine.lines(of: text)
        let first = lines.firstIndex { !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        let lineNumber = (first ?? 0) + 1
        var problem: String?
        if let first, case .entry(let parts) = ManifestLine.parse(lines[first]) {
            let bytes = Self.bytes(fromHex: parts.digest)
            if ManifestParser.algorithm(parts.algorithm) == nil {
                problem = "its signature algorithm is \"\(parts.algorithm)\"; only SHA1, SHA256 and SHA512 are valid"
            } else if let manifestName, parts.fileName != manifestName {
                problem = "its signature is for \"\(parts.fileName)\", but the package manifest is \(manifestName)"
            } else if bytes == nil {
                problem = "its signature is not an even number of hex digits"
            }
            if problem == nil, let algorithm = ManifestParser.algorithm(parts.algorithm), let bytes {
                file.signature = SignatureLine(algorithm: algorithm, manifestName: parts.fileName, signature: bytes)
            }
        } else {
            problem = "line \(lineNumber) is not a signature line of the form ALG(manifest file name)= hex signature"
        }
        if let problem {
            file.findings.append(.error("CERT-002", file: name, line: lineNumber, "\(name): \(problem)"))
        }
        let blocks = PEMCertificate.blocks(in: text)
        if blocks.isEmpty {
            file.findings.append(
                .error(
                    "CERT-003", file: name,
                    "\(name) holds no PEM certificate (-----BEGIN CERTIFICATE-----), so it has no signer")
            )
        }
        for (index, block) in blocks.enumerated() {
            switch block.result {
            case .success(let parsed):
                if index == 0 { file.signer = parsed } else { file.chain.append(parsed) }
            case .failure(let failure):
                let role = index == 0 ? "the signing certificate" : "chain certificate \(index)"
                file.findings.append(
                    .error(
                        "CERT-003", file: name, line: block.line,
                        "\(name): \(role) (line \(block.line)) cannot be used: \(failure.reason)")
                )
            }
        }
        return file
    }

    /// Decodes hex (either case); `nil` when empty, odd-length or not hex.
    private static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    /// The value of one hex digit.
    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
