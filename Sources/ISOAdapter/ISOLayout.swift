//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The fixed geometry of ISO 9660 / ECMA-167 images that the checks rely on.
///
/// Kept in one place so that every check reads the same offsets, and so the number of
/// bytes the adapter may read per image (a few sectors, never the image) is easy to audit.
enum ISOLayout {
    /// The size of a CD sector and of a volume-descriptor slot.
    static let sectorSize = 2048
    /// The first sector of the volume-descriptor set (after the 16-sector system area).
    static let firstDescriptorSector = 16
    /// The byte offset of the first volume descriptor (sector 16).
    static let descriptorSetOffset: Int64 = 32768
    /// The smallest file whose sector 16 can be read whole (ISO-001).
    static let minimumImageSize: Int64 = 34816
    /// How many descriptor slots the walk visits before giving up on a terminator (ISO-004).
    static let maximumDescriptors = 64
    /// The logical block of the UDF Anchor Volume Descriptor Pointer (ECMA-167 3/8.4.2.1).
    static let anchorBlock: Int64 = 256
    /// The warning type of every ISO warning; ignored unless the client or server opts in.
    static let warningType: WarningType = "ISO_LAYOUT"
}
