//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The DSP0004 programmatic units OVF uses for capacities and memory (`byte * 2^20`, `MegaBytes`, …).
///
/// Accepted: `byte` (or `bytes`), optionally followed by `* 2^n`, `* 10^n` or `* <integer>` factors;
/// the prefixed forms kilo/kibi/mega/mebi/giga/gibi/tera/tebi + byte; and the VirtualBox spellings
/// `KB`, `MB`, `GB`, `TB`, `MegaBytes`, `GigaBytes`. Anything else does not parse.
enum AllocationUnits {
    /// The units written as one word, by their lower-cased spelling.
    static let named: [String: Int64] = [
        "kb": 1 << 10, "kilobyte": 1000, "kilobytes": 1000, "kibibyte": 1 << 10, "kibibytes": 1 << 10,
        "mb": 1 << 20, "megabyte": 1_000_000, "megabytes": 1 << 20, "mebibyte": 1 << 20, "mebibytes": 1 << 20,
        "gb": 1 << 30, "gigabyte": 1_000_000_000, "gigabytes": 1 << 30, "gibibyte": 1 << 30, "gibibytes": 1 << 30,
        "tb": 1 << 40, "terabyte": 1_000_000_000_000, "tebibyte": 1 << 40,
    ]

    /// The spellings nearly every descriptor uses, exactly as written, so that the common case
    /// costs one lookup instead of normalising the text (same values as the general reading).
    static let common: [String: Int64] = [
        "byte": 1, "byte * 2^10": 1 << 10, "byte * 2^20": 1 << 20, "byte * 2^30": 1 << 30, "byte * 2^40": 1 << 40,
        "KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "MegaBytes": 1 << 20, "GigaBytes": 1 << 30,
    ]

    /// The number of bytes one unit stands for, or `nil` when the text does not parse or overflows.
    static func multiplier(_ text: String) -> Int64? {
        if let value = Self.common[text] { return value }
        let compact = text.filter { !$0.isWhitespace }.lowercased()
        if compact.isEmpty { return nil }
        if let value = Self.named[compact] { return value }
        let factors = compact.split(separator: "*", omittingEmptySubsequences: false)
        guard let base = factors.first, base == "byte" || base == "bytes" else { return nil }
        var result: Int64 = 1
        for factor in factors.dropFirst() {
            let value: Int64
            if let caret = factor.firstIndex(of: "^") {
                guard let radix = Int64(factor[..<caret]), let exponent = Int(factor[factor.index(after: caret)...]),
                    radix >= 1, (0...63).contains(exponent)
                else { return nil }
                var power: Int64 = 1
                for _ in 0..<exponent {
                    let (next, overflow) = power.multipliedReportingOverflow(by: radix)
                    if overflow { return nil }
                    power = next
                }
                value = power
            } else {
                guard let integer = Int64(factor), integer >= 1 else { return nil }
                value = integer
            }
            let (next, overflow) = result.multipliedReportingOverflow(by: value)
            if overflow { return nil }
            result = next
        }
        return result
    }
}
