//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import FuzzSupport
@testable import OVFAdapter

/// libFuzzer's entry point: the input is an OVA, read by the tar reader (ustar, GNU long names,
/// pax headers) as the OVF adapter reads an uploaded `.ova`; then each member is read through the
/// sliced view the adapter validates, and the layout rules run on the members.
///
/// The whole adapter on an OVA is slow here (about 13 runs a second: it validates the members as
/// a package), so this target stays on the archive; the descriptor, manifest and certificate
/// inside have targets of their own.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let content = FuzzContentView([("fuzz.ova", bytes(data, size))])
    waitFor {
        let archive = await OVAArchive.read("fuzz.ova", from: content)
        let view = archive.view(over: content)
        for file in view.files {
            _ = try? await view.read(file.name, offset: 0, count: 512)
            _ = try? await view.read(file.name, offset: max(0, file.size - 16), count: 64)
        }
        let descriptor = archive.members.first { OVAArchive.hasExtension($0.name, "ovf") }?.name ?? "fuzz.ovf"
        _ = archive.layoutFindings(descriptorName: descriptor, references: [])
    }
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
