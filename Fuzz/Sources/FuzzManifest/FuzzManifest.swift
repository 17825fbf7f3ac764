//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import OVFAdapter

/// libFuzzer's entry point: the input is a manifest (.mf), read by the manifest parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ManifestParser().parse(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
