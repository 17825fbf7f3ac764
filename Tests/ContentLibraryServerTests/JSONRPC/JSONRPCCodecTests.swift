//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Foundation
import Testing

@testable import ContentLibraryServer

/// The typed-value codec and the schema on their own: tags removed on input, added on output,
/// and a schema that names every structure it refers to.
@Suite struct JSONRPCCodecTests {
    private static func json(_ text: String) throws -> JSONValue { try JSONValue(data: Data(text.utf8)) }

    @Test func numbersAndBooleansStayApart() throws {
        let expected: [JSONValue] = [.integer(0), .integer(1), .bool(true), .bool(false), .double(1.5), .integer(-7)]
        #expect(try Self.json("[0, 1, true, false, 1.5, -7]") == .array(expected))
    }

    @Test func inputTagsAreRemovedAndUnsetFieldsDropped() throws {
        let typed = try Self.json(
            #"""
            {"STRUCTURE":{"com.vmware.content.library.item.update_session_model":{"id":{"OPTIONAL":null},
            "library_item_id":{"OPTIONAL":"item"},
            "warning_behavior":{"OPTIONAL":[{"STRUCTURE":{"x":{"type":"SELF_SIGNED_CERTIFICATE","ignored":true}}}]}}}}
            """#
        )
        let model = try JSONRPCCodec.plain(typed).decode(UpdateSessionModel.self)
        let behavior = [WarningBehavior(type: "SELF_SIGNED_CERTIFICATE", ignored: true)]
        #expect(model == UpdateSessionModel(libraryItemID: "item", warningBehavior: behavior))
        #expect(try JSONRPCCodec.plain(Self.json(#"{"SECRET":"s"}"#)) == .string("s"))
        #expect(throws: JSONRPCCodec.Failure.self) { try JSONRPCCodec.plain(Self.json(#"{"STRUCTURE":"x"}"#)) }
    }

    @Test func outputsGetEveryFieldWithItsTag() throws {
        let file = SessionFileInfo(
            name: "a.iso", sourceType: .push, uploadEndpoint: TransferEndpoint(uri: "http://h/u"), bytesTransferred: 0,
            status: .waitingForTransfer
        )
        let typed = try JSONRPCCodec.output(file, as: .structure(JSONRPCSchema.sessionFileInfo))
        let fields = try #require(typed.object?["STRUCTURE"]?.object?[JSONRPCSchema.sessionFileInfo]?.object)
        #expect(Set(fields.keys) == Set(try #require(JSONRPCSchema.fields(of: JSONRPCSchema.sessionFileInfo)).keys))
        #expect(fields["name"] == .string("a.iso") && fields["bytes_transferred"] == .integer(0))
        #expect(fields["size"] == .object(["OPTIONAL": .null]))
        let structure = try #require(fields["upload_endpoint"]?.object?["OPTIONAL"]?.object?["STRUCTURE"]?.object)
        let endpoint = try #require(structure["com.vmware.content.library.item.transfer_endpoint"]?.object)
        #expect(endpoint["uri"] == .string("http://h/u"))
    }

    @Test func aMissingRequiredFieldIsACodecFailureNotABareNull() throws {
        #expect(throws: JSONRPCCodec.Failure.self) {
            try JSONRPCCodec.typed(.object(["name": .string("x")]), as: .structure(JSONRPCSchema.itemFileInfo))
        }
    }

    @Test func everyReferencedStructureHasASchema() {
        func structures(in type: JSONRPCType) -> [String] {
            switch type {
            case .primitive, .secret: []
            case .structure(let id): [id]
            case .list(let inner), .optional(let inner): structures(in: inner)
            }
        }
        let referenced = JSONRPCSchema.structures.values.flatMap { $0.values.flatMap(structures(in:)) }
        for id in referenced { #expect(JSONRPCSchema.fields(of: id) != nil, "no schema for \(id)") }
    }

    @Test func theDispatchTableCoversEveryOperation() throws {
        let server = try TestServer()
        let methods = Set(JSONRPCOperations(services: server.services).methods)
        let expected: [String: [String]] = [
            "com.vmware.cis.session": ["create", "get", "delete"],
            "com.vmware.content.library": ["get", "list", "find"],
            "com.vmware.content.local_library": ["create", "get", "list", "update", "delete"],
            "com.vmware.content.type": ["list"],
            "com.vmware.content.library.item": ["create", "get", "list", "find", "update", "delete"],
            "com.vmware.content.library.item.file": ["get", "list"],
            "com.vmware.content.library.item.storage": ["get", "list"],
            "com.vmware.content.library.item.update_session": [
                "create", "get", "list", "update", "delete", "complete", "keep_alive", "cancel", "fail",
            ],
            "com.vmware.content.library.item.updatesession.file": ["add", "get", "list", "remove", "validate"],
        ]
        #expect(methods == Set(expected.flatMap { service, operations in operations.map { service + "." + $0 } }))
    }
}
