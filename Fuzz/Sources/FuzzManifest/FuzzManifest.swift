//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import FuzzSupport
@testable import OVFAdapter

/// libFuzzer's entry point: the input is a manifest (.mf), read by the manifest parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = ManifestParser(manifestName: "fuzz.mf").parse(bytes(data, size))
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
