//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Picks the item type for `--type auto` from the file names, as govc does for imports.
enum ItemTypeGuess {
    /// `ovf` for a descriptor or an OVA, `iso` for an image, `qcow2` for a QCOW2 disk, otherwise the generic type.
    static func itemType(forNames names: [String], generic: String) -> String {
        let extensions = Set(names.map { name -> String in
            guard let dot = name.lastIndex(of: ".") else { return "" }
            return name[name.index(after: dot)...].lowercased()
        })
        if extensions.contains("ovf") || extensions.contains("ova") { return "ovf" }
        if extensions.contains("iso") { return "iso" }
        if extensions.contains("qcow2") { return "qcow2" }
        return generic
    }
}
