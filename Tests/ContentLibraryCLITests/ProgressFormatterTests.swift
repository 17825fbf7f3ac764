//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryCLI
import Testing

@Suite struct ProgressFormatterTests {
    @Test func bytesUseBinaryUnitsWithOneDecimal() {
        #expect(ProgressFormatter.bytes(0) == "0 B")
        #expect(ProgressFormatter.bytes(1023) == "1023 B")
        #expect(ProgressFormatter.bytes(1024) == "1.0 KiB")
        #expect(ProgressFormatter.bytes(1536) == "1.5 KiB")
        #expect(ProgressFormatter.bytes(10 << 20) == "10.0 MiB")
        #expect(ProgressFormatter.bytes(3 << 30 + 300 << 20) == "3.3 GiB")
    }

    @Test func ratesAndETAs() {
        #expect(ProgressFormatter.rate(nil) == "-")
        #expect(ProgressFormatter.rate(2.5 * 1_048_576) == "2.5 MiB/s")
        #expect(ProgressFormatter.eta(remaining: 10 << 20, rate: 1_048_576) == "0:10")
        #expect(ProgressFormatter.eta(remaining: 1, rate: 1_048_576) == "0:01")
        #expect(ProgressFormatter.eta(remaining: 3723, rate: 1) == "1:02:03")
        #expect(ProgressFormatter.eta(remaining: 100, rate: nil) == "--:--")
        #expect(ProgressFormatter.eta(remaining: 100, rate: 0) == "--:--")
    }

    @Test func percentAndBar() {
        #expect(ProgressFormatter.percent(50, of: 200) == 25)
        #expect(ProgressFormatter.percent(0, of: 0) == 100)
        #expect(ProgressFormatter.percent(5, of: nil) == nil)
        #expect(ProgressFormatter.bar(50, of: 100, width: 12) == "[#####.....]")
        #expect(ProgressFormatter.bar(100, of: 100, width: 6) == "[####]")
        #expect(ProgressFormatter.bar(1, of: nil, width: 5) == "[???]")
    }

    @Test func aTerminalLineFitsTheWidthAndShowsEverything() {
        let line = ProgressFormatter.Line(label: "disk1.vmdk", bytes: 5 << 20, size: 20 << 20, rate: 1_048_576)
        let text = ProgressFormatter.terminalLine(line, columns: 100)
        #expect(text.count < 100)
        #expect(text.hasPrefix("disk1.vmdk "))
        #expect(text.contains("[#####"))
        #expect(text.contains(" 25% 5.0 MiB / 20.0 MiB  1.0 MiB/s  ETA 0:15"))
    }

    @Test func aLongNameIsCutNotTheNumbers() {
        let line = ProgressFormatter.Line(label: String(repeating: "x", count: 200) + ".vmdk", bytes: 1, size: 2, rate: nil)
        let text = ProgressFormatter.terminalLine(line, columns: 80)
        #expect(text.count < 80)
        #expect(text.contains("…"))
        #expect(text.hasSuffix("ETA --:--"))
    }

    @Test func plainLinesAndDeciles() {
        let line = ProgressFormatter.Line(label: "plain.iso", bytes: 4 << 20, size: 10 << 20, rate: 2_097_152)
        #expect(ProgressFormatter.plainLine(line) == "plain.iso: 40% (4.0 MiB of 10.0 MiB, 2.0 MiB/s)")
        #expect(ProgressFormatter.plainLine(.init(label: "x", bytes: 5, size: nil, rate: nil)) == "x: (5 B, -)")
        #expect(ProgressFormatter.decile(399, of: 1000) == 3)
        #expect(ProgressFormatter.decile(1000, of: 1000) == 10)
        #expect(ProgressFormatter.decile(1, of: nil) == nil)
    }

    @Test func clockFormats() {
        #expect(ProgressFormatter.clock(0) == "0:00")
        #expect(ProgressFormatter.clock(75) == "1:15")
        #expect(ProgressFormatter.clock(36_000) == "10:00:00")
    }
}
