//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Testing

/// An adapter that only names itself and the files it claims, to test lookup.
struct NamedAdapter: TypeAdapter {
    let info: TypeInfo
    let warningDeclarations: [WarningDeclaration] = []
    let fileClaim: FileClaim

    init(_ type: String, version: String = "1", claim: FileClaim = .nothing) {
        self.info = TypeInfo(type: type, name: type, description: type, vendor: "test", version: version)
        self.fileClaim = claim
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

extension AdapterRegistryTests {
    /// `AdapterRegistry.itemType(forFileNames:)` and the FileClaim it reads.
    @Suite struct ItemTypeForFileNames {
        /// The shipped claims: OVF's descriptors, ISO and QCOW2 content, an external `txt` claim.
        let registry = AdapterRegistry(
            fallback: NamedAdapter("generic"),
            adapters: [
                NamedAdapter("qcow2", claim: FileClaim(extensions: ["qcow2"])),
                NamedAdapter("text", claim: FileClaim(extensions: ["txt"])),
                NamedAdapter("ovf", claim: FileClaim(extensions: ["ovf", "ova"], priority: .descriptor)),
                NamedAdapter("iso", claim: FileClaim(extensions: ["iso"])),
            ]
        )

        @Test(arguments: [
            (["pkg.ovf", "pkg.mf", "disk1.vmdk"], "ovf"),
            (["Appliance.OVA"], "ovf"),
            (["debian.iso"], "iso"),
            (["disk.qcow2"], "qcow2"),
            (["notes.txt", "README"], "text"),
            (["disk1.vmdk", "README", "archive.tar.gz"], "generic"),
            ([], "generic"),
        ])
        func theClaimingAdapterNamesTheType(names: [String], itemType: String) {
            #expect(self.registry.itemType(forFileNames: names) == itemType)
        }

        @Test func aDescriptorOutranksContentClaimsHoweverMany() {
            #expect(self.registry.itemType(forFileNames: ["pkg.ovf", "tools.iso", "a.txt", "b.txt"]) == "ovf")
        }

        @Test func amongContentClaimsTheMostNamesWinThenTheFirstType() {
            #expect(self.registry.itemType(forFileNames: ["a.txt", "b.txt", "boot.iso"]) == "text")
            #expect(self.registry.itemType(forFileNames: ["a.txt", "boot.iso", "disk.qcow2"]) == "iso")
            let reversed = AdapterRegistry(fallback: NamedAdapter("generic"), adapters: self.registry.adapters.reversed())
            #expect(reversed.itemType(forFileNames: ["a.txt", "boot.iso", "disk.qcow2"]) == "iso")
        }

        @Test func claimsMatchTheLastExtensionInAnyCase() {
            let claim = FileClaim(extensions: ["OVA", "ovf"])
            #expect(claim.extensions == ["ova", "ovf"])
            #expect(claim.claims(fileName: "Appliance.Ova"))
            #expect(claim.claims(fileName: "v1.2.ovf"))
            #expect(!claim.claims(fileName: "pkg.ovf.bak"))
            #expect(!claim.claims(fileName: "ovf"))
            #expect(!FileClaim.nothing.claims(fileName: "pkg.ovf"))
            #expect(NamedAdapter("x").fileClaim == .nothing)
            #expect(FileClaim.Priority.content < .descriptor)
        }
    }
}
