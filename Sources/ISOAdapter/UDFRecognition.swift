//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// What the ECMA-167 Volume Recognition Sequence in the descriptor slots says about UDF.
///
/// The VRS (`BEA01`, `NSR02` or `NSR03`, `TEA01`) marks a UDF file system. It stands at
/// sector 16 in a UDF-only image and after the ISO 9660 terminator in a UDF bridge image.
struct UDFRecognition: Sendable {
    /// The identifiers of the VRS.
    static let beginIdentifier = "BEA01"
    /// The identifiers of the NSR descriptor: UDF ≤ 1.50, then UDF ≥ 2.00.
    static let nsrIdentifiers = ["NSR02", "NSR03"]
    /// The identifier that ends an extended area.
    static let endIdentifier = "TEA01"
    /// Other identifiers ECMA-167 allows inside the recognition area.
    static let otherIdentifiers = ["BOOT2", "CDW02"]

    /// Whether a `BEA01` was seen.
    var sawBegin = false
    /// The NSR identifier seen after `BEA01`, if any.
    var nsr: String?
    /// Whether a `TEA01` closed the extended area.
    var sawEnd = false

    /// Whether `identifier` belongs to the recognition sequence.
    static func isRecognitionIdentifier(_ identifier: String) -> Bool {
        identifier == Self.beginIdentifier || identifier == Self.endIdentifier
            || Self.nsrIdentifiers.contains(identifier) || Self.otherIdentifiers.contains(identifier)
    }

    /// Records one slot's identifier.
    mutating func record(_ identifier: String) {
        switch identifier {
        case Self.beginIdentifier: self.sawBegin = true
        case Self.endIdentifier where self.sawBegin: self.sawEnd = true
        case let id where Self.nsrIdentifiers.contains(id) && self.sawBegin && !self.sawEnd: self.nsr = id
        default: break
        }
    }

    /// Whether a complete VRS was seen: `BEA01`, an NSR descriptor, `TEA01`.
    var isComplete: Bool { self.sawBegin && self.nsr != nil && self.sawEnd }
}
