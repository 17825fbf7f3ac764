//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import Foundation
import FuzzSupport
import QCOW2Adapter

/// The adapter under test, made once.
let adapter = QCOW2Adapter()
/// A fixed clock, so that a crash reproduces whatever the date.
let options = ValidationOptions(now: Date(timeIntervalSince1970: 1_800_000_000))

/// libFuzzer's entry point: the input is the start of a QCOW2 image, read by the header reader
/// directly and then by the QCOW2 adapter, whose checks act on the header's fields (cluster size,
/// backing file, feature bits, header length against the file size).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    _ = try? QCOW2Header(bytes: input)
    validateBlocking(adapter, FuzzContentView([("fuzz.qcow2", input)]), options: options)
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
