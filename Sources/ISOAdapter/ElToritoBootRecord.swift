//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A boot record descriptor (type 0) and, when it is El Torito, where its catalog is.
///
/// Only the boot system id and the catalog pointer matter: they decide whether firmware
/// can find the boot catalog at all (ISO-009).
struct ElToritoBootRecord: Sendable {
    /// The boot system id that marks El Torito.
    static let elToritoSystemID = "EL TORITO SPECIFICATION"

    /// Bytes 7–38: the boot system id, trimmed of NULs and spaces.
    var systemID: String
    /// Bytes 71–74 (little-endian): the logical block of the boot catalog.
    var catalogBlock: UInt32

    /// Reads a type-0 descriptor.
    init(_ descriptor: VolumeDescriptor) {
        self.systemID = ByteFields.text(descriptor.bytes, at: 7, count: 32)
        self.catalogBlock = ByteFields.uint32LE(descriptor.bytes, at: 71)
    }

    /// Whether the record names El Torito.
    var isElTorito: Bool { self.systemID == Self.elToritoSystemID }
}
