//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices

extension OperationTable {
    private static let itemID = Parameter<String>.identifier("library_item_id")
    private static let sourceItemID = Parameter<String>.identifier("source_library_item_id")
    private static let libraryOfItems = Parameter<String>.required("library_id")
    private static let itemCreateSpec = Parameter<ItemModel>.required("create_spec")
    private static let itemCopySpec = Parameter<ItemModel>.required("destination_create_spec")
    private static let itemUpdateSpec = Parameter<ItemModel>.required("update_spec")
    private static let itemFindSpec = Parameter<ItemFindSpec>.required("spec")
    private static let fileName = Parameter<String>.required("name")
    private static let storageFileName = Parameter<String>.required("file_name")

    /// `com.vmware.content.library.item`, its stored files (`item.file`) and their storage (`item.storage`).
    static func items(_ services: Services) -> [APIOperation] {
        let items = services.items
        let item = "com.vmware.content.library.item"
        let path = "content/library/item/{library_item_id}"
        return [
            APIOperation(
                item, "create", parameters: [Self.clientToken, Self.itemCreateSpec], privilege: .addLibraryItem,
                rest: .post("content/library/item", status: 201, body: .parameter("create_spec"))
            ) { call in
                .value(try await items.create(try call[Self.itemCreateSpec], clientToken: try call[optional: Self.clientToken], caller: call.caller))
            },
            APIOperation(item, "get", parameters: [Self.itemID], rest: .get(path)) { call in
                .value(try await items.get(try call[Self.itemID], caller: call.caller))
            },
            APIOperation(item, "list", parameters: [Self.libraryOfItems], rest: .get("content/library/item")) { call in
                .value(try await items.list(libraryID: try call[Self.libraryOfItems], caller: call.caller))
            },
            APIOperation(
                item, "find", parameters: [Self.itemFindSpec],
                rest: .post("content/library/item", action: "find", status: 200, body: .parameter("spec"))
            ) { call in
                .value(try await items.find(try call[Self.itemFindSpec], caller: call.caller))
            },
            APIOperation(
                item, "update", parameters: [Self.itemID, Self.itemUpdateSpec], privilege: .updateLibraryItem,
                rest: .patch(path, body: "update_spec")
            ) { call in
                try await items.update(try call[Self.itemID], try call[Self.itemUpdateSpec], caller: call.caller)
                return .void
            },
            APIOperation(item, "delete", parameters: [Self.itemID], privilege: .deleteLibraryItem, rest: .delete(path)) { call in
                try await items.delete(try call[Self.itemID], caller: call.caller)
                return .void
            },
            APIOperation(
                item, "copy", parameters: [Self.clientToken, Self.sourceItemID, Self.itemCopySpec], privilege: .addLibraryItem,
                rest: .post("content/library/item/{source_library_item_id}", action: "copy", status: 200, body: .parameter("destination_create_spec"))
            ) { call in
                .value(
                    try await items.copy(
                        try call[Self.sourceItemID], try call[Self.itemCopySpec], clientToken: try call[optional: Self.clientToken],
                        caller: call.caller
                    )
                )
            },
            APIOperation("\(item).file", "get", parameters: [Self.itemID, Self.fileName], rest: .get(path + "/file", selector: "name")) { call in
                .value(try await items.file(try call[Self.itemID], name: try call[Self.fileName], caller: call.caller))
            },
            APIOperation("\(item).file", "list", parameters: [Self.itemID], rest: .get(path + "/file")) { call in
                .value(try await items.files(try call[Self.itemID], caller: call.caller))
            },
            APIOperation(
                "\(item).storage", "get", parameters: [Self.itemID, Self.storageFileName], privilege: .readStorage,
                rest: .get(path + "/storage", selector: "file_name")
            ) { call in
                .value(try await items.storage(try call[Self.itemID], fileName: try call[Self.storageFileName], caller: call.caller))
            },
            APIOperation("\(item).storage", "list", parameters: [Self.itemID], privilege: .readStorage, rest: .get(path + "/storage")) { call in
                .value(try await items.storage(try call[Self.itemID], caller: call.caller))
            },
        ]
    }
}
