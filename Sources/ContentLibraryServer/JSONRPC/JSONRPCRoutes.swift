//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryJSONRPC
import ContentLibraryOperations
import Foundation
import Hummingbird
import NIOCore

/// The vAPI JSON-RPC 2.0 dialect at `POST /api`, the Python SDK's default: a codec over the
/// operation table. It parses the envelope, finds `(serviceId, operationId)` in the table, and
/// answers HTTP 200 with a `result` (`output` typed by `JSONRPCEncoder`, or a vAPI `error`) or a
/// JSON-RPC `error` for transport faults.
struct JSONRPCRoutes: Sendable {
    let wire: WireContext

    func register(on router: Router<ServerRequestContext>) {
        router.post("api") { request, context in
            await self.invoke(request, context)
        }
    }

    /// Answers one request; never throws, so every failure is a JSON-RPC reply with status 200.
    func invoke(_ request: Request, _ context: ServerRequestContext) async -> Response {
        var request = request
        let body: JSONValue
        do {
            let buffer = try await request.collectBody(upTo: self.wire.maxBody)
            body = try JSONValue(data: Data(buffer.readableBytesView))
        } catch where WireContext.isTooLarge(error) {
            // The vAPI error the SDK raises (InvalidArgument), naming the limit.
            return self.reply(id: .null, error: error)
        } catch {
            return Self.reply(id: .null, .parseError("the body is not JSON"))
        }
        let (id, parsed) = JSONRPCCall.parse(body)
        let call: JSONRPCCall
        let operation: APIOperation
        do {
            call = try parsed.get()
            guard let found = self.wire.table.operation(service: call.serviceID, name: call.operationID) else {
                throw self.wire.table.hasService(call.serviceID)
                    ? JSONRPCFault.methodNotFound("the service \(call.serviceID) has no operation \(call.operationID)")
                    : JSONRPCFault.methodNotFound("no service \(call.serviceID)")
            }
            operation = found
            context.operation.note(service: found.service, name: found.name)
        } catch let fault as JSONRPCFault {
            return Self.reply(id: id, fault)
        } catch {
            return self.reply(id: id, error: error)
        }
        do {
            let facts = RequestFacts(
                sessionToken: call.sessionToken, credentials: call.credentials, uploadBase: self.wire.uploadBase(request),
                clientAddress: self.wire.forwarded.clientAddress(request, context)
            )
            let output: JSONValue =
                switch try await self.wire.table.invoke(operation, input: OperationInput(call.input), request: facts) {
                case .void: .null
                case .value(let value): try JSONRPCEncoder().encode(value)
                case .secret(let secret): .object(["SECRET": .string(secret)])
                }
            return Self.reply(id: id, result: ["output": output])
        } catch let error as OperationInputError {
            switch error {
            case .missing(let name):
                return Self.reply(id: id, .invalidParams("\(operation.qualifiedName) needs the input field \(name)"))
            case .invalid(let name, let detail):
                return Self.reply(id: id, .invalidParams("the input field \(name) is not valid: \(detail)"))
            }
        } catch {
            return self.reply(id: id, error: error)
        }
    }

    /// A vAPI error: `result.error` (the SDK raises the class it names).
    private func reply(id: JSONValue, error: any Error) -> Response {
        let apiError = self.wire.apiError(error)
        do {
            return Self.reply(id: id, result: ["error": try Self.typed(apiError)])
        } catch {
            return Self.reply(id: id, JSONRPCFault(code: -32603, message: "Internal error: \(error)"))
        }
    }

    /// `{"ERROR": {"com.vmware.vapi.std.errors.<class>": {messages, data, error_type}}}`; an
    /// `Unauthenticated` error also has its `challenge`.
    static func typed(_ error: APIError) throws -> JSONValue {
        var fields: [String: JSONValue] = [
            "messages": try JSONRPCEncoder().encode(error.messages),
            "data": .object(["OPTIONAL": .null]),
            "error_type": .object(["OPTIONAL": .string(error.kind.errorType)]),
        ]
        if error.kind == .unauthenticated { fields["challenge"] = .object(["OPTIONAL": .null]) }
        return .object(["ERROR": .object(["com.vmware.vapi.std.errors." + error.kind.className: .object(fields)])])
    }

    private static func reply(id: JSONValue, result: [String: JSONValue]) -> Response {
        self.envelope(["jsonrpc": .string("2.0"), "id": id, "result": .object(result)])
    }

    private static func reply(id: JSONValue, _ fault: JSONRPCFault) -> Response {
        self.envelope(["jsonrpc": .string("2.0"), "id": id, "error": fault.json])
    }

    private static func envelope(_ members: [String: JSONValue]) -> Response {
        let fallback = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"Internal error"}}"#
        let data = (try? JSONValue.object(members).data()) ?? Data(fallback.utf8)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
