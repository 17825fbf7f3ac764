//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One VirtualHardwareSection with its items read once, for every rule that looks at hardware.
struct HardwareSection: Sendable {
    /// The section element.
    var element: XMLElement
    /// Its Item, EthernetPortItem and StorageItem children, in document order.
    var items: [HardwareItem]
}
