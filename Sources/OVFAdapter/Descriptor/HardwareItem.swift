//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One `Item`, `EthernetPortItem` or `StorageItem` of a VirtualHardwareSection, with its CIM
/// properties read leniently (any CIM namespace spelling, `InstanceId` casing).
struct HardwareItem: Sendable {
    /// The element.
    var element: XMLElement
    /// `Item`, `EthernetPortItem` or `StorageItem`.
    var kind: String
    /// The InstanceID text (or InstanceId), trimmed; `nil` when absent.
    var instanceID: String?
    /// Whether the instance id was spelt `InstanceId` (OVF-VHS-005).
    var instanceIdCasing: XMLElement?
    /// The ResourceType text, trimmed; `nil` when absent.
    var resourceTypeText: String?
    /// The ResourceType when it is an integer.
    var resourceType: Int? { self.resourceTypeText.flatMap { Int($0) } }
    /// The effective `ovf:required`.
    var isRequired: Bool
    /// The deployment configurations the item applies to (`ovf:configuration`, space separated).
    var configurations: [String]
    /// `ovf:bound`, when present.
    var bound: String?

    /// The element kinds that are hardware items.
    static let kinds: Set<String> = ["Item", "EthernetPortItem", "StorageItem"]

    /// Reads an item; `nil` for children that are not items.
    init?(_ element: XMLElement, vocabulary descriptor: OVFVocabulary) {
        guard let kind = descriptor.kind(of: element), Self.kinds.contains(kind) else {
            return nil
        }
        self.element = element
        self.kind = kind
        let proper = element.children.first { $0.localName == "InstanceID" && OVFNamespace.isCIM($0.namespace) }
        let lower = element.children.first { $0.localName == "InstanceId" && OVFNamespace.isCIM($0.namespace) }
        self.instanceID = (proper ?? lower)?.trimmedText
        // `InstanceId` is the native spelling of OVF 0.9, so it is reported only in later versions.
        self.instanceIdCasing = proper == nil && !descriptor.isLegacy ? lower : nil
        self.resourceTypeText = element.children.first { $0.localName == "ResourceType" && OVFNamespace.isCIM($0.namespace) }?.trimmedText
        self.isRequired = descriptor.isRequired(element)
        self.configurations = (descriptor.attribute("configuration", of: element) ?? "")
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        self.bound = descriptor.attribute("bound", of: element)
    }

    /// The CIM property elements with this local name.
    func valueElements(_ localName: String) -> [XMLElement] {
        self.element.children.filter { $0.localName == localName && OVFNamespace.isCIM($0.namespace) }
    }

    /// The trimmed text of the first CIM property with this local name.
    func value(_ localName: String) -> String? {
        self.element.children.first { $0.localName == localName && OVFNamespace.isCIM($0.namespace) }?.trimmedText
    }

    /// A short label for messages: `Item 'Hard disk 1' (InstanceID 7)`. The name is the
    /// ElementName, or the Caption that OVF 0.9 items carry instead.
    var label: String {
        var text = self.kind
        if let name = self.value("ElementName") ?? self.value("Caption"), !name.isEmpty { text += " '\(name)'" }
        if let id = self.instanceID, !id.isEmpty { text += " (InstanceID \(id))" }
        return text
    }
}
