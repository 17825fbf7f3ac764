//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The input fields of one call, as a dialect found them, not yet decoded.
package struct OperationInput: Sendable {
    /// The fields by wire name.
    package var fields: [String: JSONValue]

    /// Creates an input.
    package init(_ fields: [String: JSONValue] = [:]) {
        self.fields = fields
    }

    /// The field `parameter` decoded into its model; `nil` when absent or null.
    /// - Throws: `OperationInputError` when a required field is missing or a field does not decode.
    package func value<Value>(_ parameter: Parameter<Value>) throws(OperationInputError) -> Value? {
        guard let raw = self.fields[parameter.name], raw.untagged != .null else {
            if parameter.isRequired { throw .missing(parameter.name) }
            return nil
        }
        do {
            return try JSONValueDecoder().decode(Value.self, from: raw)
        } catch {
            throw .invalid(parameter.name, OperationInputError.describe(error))
        }
    }
}

/// An input field that is missing or does not decode: each dialect shows it its own way
/// (JSON-RPC as an invalid-params fault, REST and legacy `/rest` as `InvalidArgument`).
package enum OperationInputError: Error, Hashable, Sendable {
    /// A required field is absent.
    case missing(String)
    /// A field is present but not a valid value: its name and what was wrong.
    case invalid(String, String)

    /// The field's name.
    package var name: String {
        switch self {
        case .missing(let name), .invalid(let name, _): name
        }
    }

    /// A short account of a decoding error: the field path and what was wrong.
    package static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : "field '\(path)': ") + context.debugDescription
        default:
            return "\(error)"
        }
    }
}
