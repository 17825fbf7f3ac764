//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import Foundation
import FuzzSupport
import OVFAdapter

/// The adapter under test, made once: its trust store and vocabulary are not part of the input.
let adapter = OVFAdapter()
/// A fixed clock, so that a crash reproduces whatever the date.
let options = ValidationOptions(now: Date(timeIntervalSince1970: 1_800_000_000))

/// libFuzzer's entry point: the input is an OVF descriptor, validated by the OVF adapter as the
/// only file of an upload, which runs the hardened XML parser, the descriptor model and every
/// descriptor rule (the referenced files are missing, which the rules report and go on).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    validateBlocking(adapter, FuzzContentView([("fuzz.ovf", bytes(data, size))]), options: options)
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
