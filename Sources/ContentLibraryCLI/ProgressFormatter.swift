//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The text of `import`'s progress display, as pure functions of numbers, so every format is
/// tested without a terminal or a clock (ProgressRenderer only decides when to draw).
struct ProgressFormatter: Sendable {
    /// One progress line's numbers.
    struct Line: Hashable, Sendable {
        /// What the line is about: a file name, or "total".
        var label: String
        /// Bytes done.
        var bytes: Int64
        /// Bytes in all, when known.
        var size: Int64?
        /// Bytes per second, when measured.
        var rate: Double?
    }

    /// A byte count in binary units with one decimal: `512 B`, `1.5 KiB`, `3.0 GiB`.
    static func bytes(_ count: Int64) -> String {
        guard count >= 1024 else { return "\(count) B" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return Self.oneDecimal(value) + " " + units[unit]
    }

    /// A rate: `1.5 MiB/s`; `-` when not measured yet.
    static func rate(_ bytesPerSecond: Double?) -> String {
        guard let bytesPerSecond, bytesPerSecond.isFinite, bytesPerSecond >= 0 else { return "-" }
        return Self.bytes(Int64(bytesPerSecond)) + "/s"
    }

    /// The time left at `rate` for `remaining` bytes: `0:07`, `12:30`, `1:02:03`; `--:--` when unknown.
    static func eta(remaining: Int64, rate: Double?) -> String {
        guard let rate, rate > 0, remaining >= 0 else { return "--:--" }
        let seconds = Double(remaining) / rate
        guard seconds.isFinite, seconds < 360_000 else { return "--:--" }
        return Self.clock(Int(seconds.rounded(.up)))
    }

    /// Seconds as `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Int) -> String {
        let h = seconds / 3600
        let m = (seconds % 3600) / 60
        let s = seconds % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0\(m)" : "\(m)"):\(ss)" }
        return "\(m):\(ss)"
    }

    /// The whole percent done (0 to 100), when the size is known; an empty file is 100.
    static func percent(_ bytes: Int64, of size: Int64?) -> Int? {
        guard let size else { return nil }
        guard size > 0 else { return 100 }
        return Int(min(100, max(0, bytes * 100 / size)))
    }

    /// A bar `[#####.....]` of `width` cells (brackets included), filled to the fraction done.
    static func bar(_ bytes: Int64, of size: Int64?, width: Int) -> String {
        let cells = max(1, width - 2)
        guard let percent = Self.percent(bytes, of: size) else { return "[" + String(repeating: "?", count: cells) + "]" }
        let filled = cells * percent / 100
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: cells - filled) + "]"
    }

    /// A terminal line fitted to `columns`: label, bar, percent, bytes, rate, ETA. The label is
    /// cut (with `…`) and the bar shrunk before anything else is lost.
    static func terminalLine(_ line: Line, columns: Int) -> String {
        let percent = Self.percent(line.bytes, of: line.size).map { Self.pad("\($0)%", 4) } ?? "  ?%"
        let amount = Self.bytes(line.bytes) + (line.size.map { " / " + Self.bytes($0) } ?? "")
        let eta = line.size.map { Self.eta(remaining: $0 - line.bytes, rate: line.rate) } ?? "--:--"
        let tail = " \(percent) \(amount)  \(Self.rate(line.rate))  ETA \(eta)"
        let room = max(10, columns - 1 - tail.count)
        let labelWidth = min(max(8, room / 3), 32)
        let barWidth = max(4, room - labelWidth - 1)
        return Self.fit(line.label, labelWidth) + " " + Self.bar(line.bytes, of: line.size, width: barWidth) + tail
    }

    /// A plain log line for a milestone: `disk1.vmdk: 40% (4.0 MiB of 10.0 MiB, 2.0 MiB/s)`.
    static func plainLine(_ line: Line) -> String {
        let percent = Self.percent(line.bytes, of: line.size).map { "\($0)% (" } ?? "("
        let amount = Self.bytes(line.bytes) + (line.size.map { " of " + Self.bytes($0) } ?? "")
        return "\(line.label): \(percent)\(amount), \(Self.rate(line.rate)))"
    }

    /// The 10% step a transfer reached, to print one plain line per step; `nil` when the size is unknown.
    static func decile(_ bytes: Int64, of size: Int64?) -> Int? {
        Self.percent(bytes, of: size).map { $0 / 10 }
    }

    /// `text` cut to `width` characters with a trailing `…`, or padded with spaces.
    static func fit(_ text: String, _ width: Int) -> String {
        if text.count <= width { return text + String(repeating: " ", count: width - text.count) }
        return String(text.prefix(max(0, width - 1))) + "…"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
