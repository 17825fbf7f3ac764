//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import FuzzSupport
import ContentLibraryAPI
@testable import ContentLibraryOperations
@testable import ContentLibraryJSONRPC
import Foundation

/// Decodes one input field into `type` with the tagged-value decoder, as an operation would.
func decode<T: Decodable & Sendable>(_ type: T.Type, _ value: JSONValue) {
    _ = try? OperationInput(["field": value]).value(Parameter<T>.required("field"))
}

/// libFuzzer's entry point: the input is a `POST /api` body, parsed as the JSON-RPC route does
/// (JSON text, then the `invoke` envelope and its security context); the fields of
/// `operation-input` are decoded into the models the operations take, through the tagged-value
/// decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let body = try? JSONValue(data: Data(bytes(data, size))) else { return 0 }
    let (_, parsed) = JSONRPCCall.parse(body)
    guard let call = try? parsed.get() else { return 0 }
    _ = call.sessionToken
    _ = call.credentials
    for value in call.input.values {
        decode(String.self, value)
        decode(Int.self, value)
        decode(Bool.self, value)
        decode(Date.self, value)
        decode([String].self, value)
        decode(LibraryModel.self, value)
        decode(LibraryFindSpec.self, value)
        decode(ItemModel.self, value)
        decode(ItemFindSpec.self, value)
        decode(UpdateSessionModel.self, value)
        decode(SessionFileAddSpec.self, value)
    }
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
