//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import Foundation
import FuzzSupport
import ISOAdapter

/// The adapter under test, made once.
let adapter = ISOAdapter()
/// A fixed clock, so that a crash reproduces whatever the date.
let options = ValidationOptions(now: Date(timeIntervalSince1970: 1_800_000_000))

/// libFuzzer's entry point: the input is an ISO image, validated by the ISO adapter: volume
/// descriptors, the primary volume descriptor, El Torito boot records and catalogs, UDF anchors.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    validateBlocking(adapter, FuzzContentView([("fuzz.iso", bytes(data, size))]), options: options)
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
