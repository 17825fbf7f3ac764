//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation

/// The `ovf:qualifiers` of a Property (`MinLen(n)`, `MaxLen(n)`, `MinValue(n)`, `MaxValue(n)`,
/// `ValueMap{"a","b"}`), and the check of a value against them and its type (OVF-PROD-005).
struct PropertyQualifiers: Sendable {
    /// `MinLen`.
    var minLength: Int?
    /// `MaxLen`.
    var maxLength: Int?
    /// `MinValue`.
    var minValue: Double?
    /// `MaxValue`.
    var maxValue: Double?
    /// `ValueMap` entries; ranges such as `1..5` are kept as written and compared as text.
    var valueMap: [String]?

    /// Parses the qualifier text; unknown qualifiers are ignored.
    init(_ text: String) {
        func argument(_ name: String, open: Character, close: Character) -> String? {
            guard let start = text.range(of: name + String(open)) else { return nil }
            guard let end = text[start.upperBound...].firstIndex(of: close) else { return nil }
            return String(text[start.upperBound..<end]).trimmedXMLSpace
        }
        self.minLength = argument("MinLen", open: "(", close: ")").flatMap { Int($0) }
        self.maxLength = argument("MaxLen", open: "(", close: ")").flatMap { Int($0) }
        self.minValue = argument("MinValue", open: "(", close: ")").flatMap { Double($0) }
        self.maxValue = argument("MaxValue", open: "(", close: ")").flatMap { Double($0) }
        self.valueMap = argument("ValueMap", open: "{", close: "}").map { list in
            list.split(separator: ",").map { $0.trimmedXMLSpace.trimmingQuotes }
        }
    }

    /// Why a value does not fit the type or qualifiers, or `nil` when it does.
    func problem(with value: String, type: String) -> String? {
        let ranges: [String: ClosedRange<Int64>] = [
            "uint8": 0...255, "sint8": -128...127, "uint16": 0...65535, "sint16": -32768...32767,
            "uint32": 0...4_294_967_295, "sint32": -2_147_483_648...2_147_483_647, "uint64": 0...Int64.max,
            "sint64": Int64.min...Int64.max, "int": Int64.min...Int64.max,
        ]
        var number: Double?
        if let range = ranges[type] {
            guard let integer = Int64(value.trimmedXMLSpace), range.contains(integer) else { return "is not a valid \(type)" }
            number = Double(integer)
        } else if type == "real32" || type == "real64" {
            guard let real = Double(value.trimmedXMLSpace) else { return "is not a valid \(type)" }
            number = real
        } else if type == "boolean" {
            guard ["true", "false", "1", "0"].contains(value.trimmedXMLSpace.lowercased()) else { return "is not a boolean" }
        }
        if let number {
            if let minimum = self.minValue, number < minimum { return "is below MinValue(\(Self.format(minimum)))" }
            if let maximum = self.maxValue, number > maximum { return "is above MaxValue(\(Self.format(maximum)))" }
        }
        if type == "string" {
            if let minimum = self.minLength, value.count < minimum { return "is shorter than MinLen(\(minimum))" }
            if let maximum = self.maxLength, value.count > maximum { return "is longer than MaxLen(\(maximum))" }
        }
        if let map = self.valueMap, !map.isEmpty, !map.contains(where: { $0.contains("..") }), !map.contains(value) {
            return "is not one of the ValueMap entries"
        }
        return nil
    }

    /// A bound as written: integral values without a fraction.
    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension String {
    /// The string without one pair of surrounding double quotes.
    var trimmingQuotes: String {
        if self.count >= 2, self.hasPrefix("\""), self.hasSuffix("\"") { return String(self.dropFirst().dropLast()) }
        return self
    }
}
