//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Hummingbird
import NIOCore

/// The vAPI JSON-RPC 2.0 dialect at `POST /api`, the Python SDK's default: parses the envelope,
/// dispatches through `JSONRPCOperations`, and answers HTTP 200 with a `result` (`output` or a
/// vAPI `error`) or a JSON-RPC `error` for transport faults.
struct JSONRPCRoutes: Sendable {
    let responder: RESTResponder
    let operations: JSONRPCOperations

    init(responder: RESTResponder) {
        self.responder = responder
        self.operations = JSONRPCOperations(services: responder.services)
    }

    func register(on router: Router<BasicRequestContext>) {
        router.post("api") { request, _ in
            await self.invoke(request)
        }
    }

    /// Answers one request; never throws, so every failure is a JSON-RPC reply with status 200.
    func invoke(_ request: Request) async -> Response {
        var request = request
        let body: JSONValue
        do {
            let buffer = try await request.collectBody(upTo: RESTResponder.maxBody)
            body = try JSONValue(data: Data(buffer.readableBytesView))
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return Self.reply(id: .null, .invalidRequest("the body is larger than \(RESTResponder.maxBody) bytes"))
        } catch {
            return Self.reply(id: .null, .parseError("the body is not JSON"))
        }
        let (id, parsed) = JSONRPCCall.parse(body, uploadBase: self.responder.uploadBase(request))
        do {
            let call = try parsed.get()
            let handler = try self.operations.handler(for: call)
            return Self.reply(id: id, result: ["output": try await handler(call)])
        } catch let fault as JSONRPCFault {
            return Self.reply(id: id, fault)
        } catch {
            return self.reply(id: id, error: error)
        }
    }

    /// A vAPI error: `result.error` (the SDK raises the class it names).
    private func reply(id: JSONValue, error: any Error) -> Response {
        let apiError = self.responder.apiError(error)
        do {
            return Self.reply(id: id, result: ["error": try JSONRPCCodec.error(apiError)])
        } catch {
            return Self.reply(id: id, JSONRPCFault(code: -32603, message: "Internal error: \(error)"))
        }
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
