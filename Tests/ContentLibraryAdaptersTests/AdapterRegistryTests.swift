//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

/// An adapter that only names itself, to test lookup.
struct NamedAdapter: TypeAdapter {
    let info: TypeInfo
    let warningDeclarations: [WarningDeclaration] = []

    init(_ type: String, version: String = "1") {
        self.info = TypeInfo(type: type, name: type, description: type, vendor: "test", version: version)
    }

    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport { ValidationReport() }
}

@Suite struct AdapterRegistryTests {
    let registry = AdapterRegistry(fallback: NamedAdapter("generic"), adapters: [NamedAdapter("ovf"), NamedAdapter("iso")])

    @Test func looksUpByTypeIgnoringCase() {
        #expect(self.registry.adapter(forItemType: "ovf").itemType == "ovf")
        #expect(self.registry.adapter(forItemType: "ISO").itemType == "iso")
    }

    @Test(arguments: [nil, "", "vm-template", "unknown"] as [String?])
    func emptyOrUnknownTypesGetTheFallback(type: String?) {
        #expect(self.registry.adapter(forItemType: type).itemType == "generic")
    }

    @Test func registeringTheSameTypeReplaces() {
        var registry = self.registry
        registry.register(NamedAdapter("OVF", version: "2"))
        #expect(registry.adapter(forItemType: "ovf").info.version == "2")
        #expect(registry.adapters.count == 3)
    }

    @Test func listsEveryAdapterWithTheFallbackSortedByType() {
        #expect(self.registry.adapters.map(\.itemType) == ["generic", "iso", "ovf"])
        #expect(self.registry.hasAdapter(forItemType: "ovf"))
        #expect(!self.registry.hasAdapter(forItemType: "qcow2"))
    }

    @Test func defaultHooksAcceptAndTreatFilesAsContent() throws {
        let adapter = NamedAdapter("x")
        try adapter.checkSessionCreate(itemID: "item-1")
        try adapter.checkAdd(fileName: "a", sessionFiles: [])
        #expect(adapter.role(ofFile: "a") == .content)
        #expect(FileRole.metadata(kept: false).isKept == false)
        #expect(adapter.isPreviewComplete(metadataFiles: ["a"]))
        #expect(!adapter.isPreviewComplete(metadataFiles: []))
    }
}
