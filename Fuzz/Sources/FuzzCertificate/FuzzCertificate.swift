//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import FuzzSupport
@testable import OVFAdapter

/// libFuzzer's entry point: the input is a certificate file (.cert), split by the certificate
/// reader into its signature line and PEM blocks, each parsed as X.509. The reader takes text,
/// so the bytes are decoded as UTF-8 (invalid sequences become U+FFFD) as the adapter does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    _ = CertificateFile.parse(text, certificateName: "fuzz.cert", manifestName: "fuzz.mf")
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
