//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Testing

@Suite struct FileNameRuleTests {
    @Test(arguments: ["pkg.ovf", "disk-1.vmdk", "Ubuntu 22.04 (server).iso", "ünïcode.txt", "a..b", ".hidden"])
    func ordinaryNamesAreAccepted(name: String) {
        #expect(FileNameRule.violation(in: name) == nil)
    }

    @Test(arguments: ["", ".", "..", "a/b", "../etc/passwd", "a\\b", "nul\u{0}byte", "tab\tname", "bell\u{7}", "del\u{7F}"])
    func unsafeNamesAreRejected(name: String) {
        #expect(FileNameRule.violation(in: name) != nil)
    }

    @Test func theLengthLimitIsInBytes() {
        #expect(FileNameRule.violation(in: String(repeating: "a", count: 255)) == nil)
        #expect(FileNameRule.violation(in: String(repeating: "a", count: 256)) != nil)
        #expect(FileNameRule.violation(in: String(repeating: "é", count: 128)) != nil)
    }
}
