//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryCLI
import Testing

@Suite struct ItemTypeGuessTests {
    @Test func descriptorsAndArchivesAreOVF() {
        #expect(ItemTypeGuess.itemType(forNames: ["pkg.ovf", "disk.vmdk"], generic: "generic") == "ovf")
        #expect(ItemTypeGuess.itemType(forNames: ["Appliance.OVA"], generic: "generic") == "ovf")
    }

    @Test func imagesAreISOAndTheRestGeneric() {
        #expect(ItemTypeGuess.itemType(forNames: ["debian.iso"], generic: "generic") == "iso")
        #expect(ItemTypeGuess.itemType(forNames: ["notes.txt", "README"], generic: "generic") == "generic")
    }
}
