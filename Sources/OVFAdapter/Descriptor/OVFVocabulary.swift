//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// How a descriptor of one OVF version names things: which elements are OVF elements, what kind
/// of section an element is, and where its attributes are, whatever the version and its style.
///
/// Descriptor reads its tree through this, and so does HardwareItem, so that the 0.9 `xsi:type`
/// style, unqualified elements and renamed attributes are handled in one place; it is a small
/// value, cheap to hand to every item while the model is built.
struct OVFVocabulary: Sendable {
    /// The envelope namespace of the root, which every OVF element and attribute must use.
    let ovf: String
    /// Whether the descriptor is the legacy OVF 0.9 form (VMware's pre-DMTF envelope namespace).
    ///
    /// A 0.9 descriptor is read onto the same model as 1.x: its `xsi:type` sections and contents
    /// (which `kind(of:)` reads for every version), its unqualified elements, its attribute
    /// spellings (`legacyAttributeNames`) and its CIM spellings (`rasd:InstanceId`, `/disk/` host
    /// resources), so that every rule runs unchanged on it.
    let isLegacy: Bool

    /// The 0.9 spellings of attributes that 1.x renamed, by their 1.x name: a Property's default
    /// was `ovf:defaultValue` and its user flag `ovf:configurableByUser`.
    static let legacyAttributeNames: [String: String] = ["value": "defaultValue", "userConfigurable": "configurableByUser"]

    /// The vocabulary of a descriptor whose Envelope is in `ovf`.
    init(ovf: String) {
        self.ovf = ovf
        self.isLegacy = ovf == OVFNamespace.envelope09
    }

    /// The value of `ovf:<name>`; an unqualified attribute of the same name is accepted too,
    /// as several exporters write them and ovftool reads them. In a 0.9 descriptor the 0.9
    /// spelling of a renamed attribute is read when the 1.x one is absent.
    func attribute(_ name: String, of element: XMLElement) -> String? {
        for attribute in element.attributes where attribute.localName == name && (attribute.namespace == self.ovf) {
            return attribute.value
        }
        for attribute in element.attributes where attribute.localName == name && attribute.namespace == nil {
            return attribute.value
        }
        guard self.isLegacy, let legacy = Self.legacyAttributeNames[name] else { return nil }
        return element.attribute(legacy, namespace: self.ovf) ?? element.attribute(legacy, namespace: nil)
    }

    /// Whether an element is an OVF element of this descriptor: in the envelope namespace or, in
    /// a 0.9 descriptor, in no namespace at all. 0.9 packages were written against a schema whose
    /// local elements are unqualified (`<ovf:Envelope>` around plain `<References>`, `<Section>`,
    /// `<Info>`), and ovftool and VirtualBox read them; no 1.x schema allows that, so a 1.x
    /// descriptor's unqualified elements stay foreign.
    func isOVF(_ element: XMLElement) -> Bool {
        element.namespace == self.ovf || (self.isLegacy && element.namespace == nil)
    }

    /// The OVF kind of an element: its local name, or for the 0.9 style `<Section xsi:type="ovf:DiskSection_Type">`
    /// (and `<Content xsi:type="ovf:VirtualSystem_Type">`) the type's local name without `_Type`.
    /// The type counts only when its prefix is bound to the envelope namespace where it is
    /// written, whatever the prefix is. `nil` for elements outside the envelope namespace, and
    /// for a typed Section or Content whose type is not an OVF one (a vendor's, or an undeclared
    /// prefix): no rule knows those, so they are unknown elements (OVF-SEC-003/-004).
    func kind(of element: XMLElement) -> String? {
        guard self.isOVF(element) else { return nil }
        if let type = element.schemaType, element.localName == "Section" || element.localName == "Content" {
            guard type.namespace == self.ovf else { return nil }
            var name = Substring(type.localName)
            if name.hasSuffix("_Type") { name = name.dropLast(5) }
            return String(name)
        }
        return element.localName
    }

    /// Whether an element is a Content (VirtualSystem or VirtualSystemCollection).
    func isContent(_ element: XMLElement) -> Bool {
        let kind = self.kind(of: element)
        return kind == "VirtualSystem" || kind == "VirtualSystemCollection"
    }

    /// The effective `ovf:required` of an element: `true` unless it says false (or 0).
    func isRequired(_ element: XMLElement) -> Bool {
        guard let value = self.attribute("required", of: element)?.trimmedXMLSpace else { return true }
        return !(value == "false" || value == "0")
    }
}
