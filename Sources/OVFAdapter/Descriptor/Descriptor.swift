//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// A parsed OVF descriptor and the lookups its rules share.
///
/// Rules read the element tree through this type so that the 0.9 `xsi:type` style, lenient
/// unqualified attributes and the envelope namespace are handled in one place.
struct Descriptor: Sendable {
    /// The descriptor's session file name, used in every finding.
    var name: String
    /// The document element.
    var root: XMLElement
    /// The envelope namespace of the root, which every OVF element and attribute must use.
    var ovf: String

    /// Creates the model over a parsed tree.
    init(name: String, root: XMLElement) {
        self.name = name
        self.root = root
        self.ovf = root.namespace ?? OVFNamespace.envelope1
    }

    /// Whether the descriptor is OVF 2.x.
    var isVersion2: Bool { self.ovf == OVFNamespace.envelope2 }

    // MARK: Names and attributes

    /// Whether the descriptor is the legacy OVF 0.9 form (VMware's pre-DMTF envelope namespace).
    ///
    /// A 0.9 descriptor is read onto the same model as 1.x: its `xsi:type` sections and contents
    /// (which `kind(of:)` reads for every version), its unqualified elements, its attribute
    /// spellings (`legacyAttributeNames`) and its CIM spellings (`rasd:InstanceId`, `/disk/` host
    /// resources), so that every rule runs unchanged on it.
    var isLegacy: Bool { self.ovf == OVFNamespace.envelope09 }

    /// The 0.9 spellings of attributes that 1.x renamed, by their 1.x name: a Property's default
    /// was `ovf:defaultValue` and its user flag `ovf:configurableByUser`.
    static let legacyAttributeNames: [String: String] = ["value": "defaultValue", "userConfigurable": "configurableByUser"]

    /// The value of `ovf:<name>`; an unqualified attribute of the same name is accepted too,
    /// as several exporters write them and ovftool reads them. In a 0.9 descriptor the 0.9
    /// spelling of a renamed attribute is read when the 1.x one is absent.
    func attribute(_ name: String, of element: XMLElement) -> String? {
        if let value = element.attribute(name, namespace: self.ovf) ?? element.attribute(name, namespace: nil) { return value }
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
        if element.localName == "Section" || element.localName == "Content", let type = element.schemaType {
            guard type.namespace == self.ovf else { return nil }
            var name = Substring(type.localName)
            if name.hasSuffix("_Type") { name = name.dropLast(5) }
            return String(name)
        }
        return element.localName
    }

    /// The element's name for messages: `ovf:Section (xsi:type ovf:DiskSection_Type)` for a typed
    /// Section or Content, so the user sees which one is meant; the written name otherwise.
    func displayName(of element: XMLElement) -> String {
        guard let type = element.schemaType else { return element.qualifiedName }
        return "\(element.qualifiedName) (xsi:type \(type.written))"
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

    // MARK: Parts of the package

    /// The `References` elements among the Envelope's children.
    var referencesElements: [XMLElement] { self.root.children.filter { self.kind(of: $0) == "References" } }

    /// The File elements of every References.
    var fileElements: [XMLElement] {
        self.referencesElements.flatMap { $0.children.filter { self.kind(of: $0) == "File" } }
    }

    /// The References, as the rest of the package sees them: entries with an id and an href,
    /// with numeric attributes that parse (others are left out after their own findings).
    var references: [FileReference] {
        self.fileElements.compactMap { element in
            guard let id = self.attribute("id", of: element), let href = self.attribute("href", of: element),
                !id.isEmpty, !href.isEmpty
            else { return nil }
            let compression = self.attribute("compression", of: element).map(\.trimmedXMLSpace)
            return FileReference(
                id: id, href: href,
                size: self.attribute("size", of: element).flatMap { Int64($0.trimmedXMLSpace) },
                compression: compression?.isEmpty == false ? compression : nil,
                chunkSize: self.attribute("chunkSize", of: element).flatMap { Int64($0.trimmedXMLSpace) }.flatMap { $0 > 0 ? $0 : nil },
                line: element.line
            )
        }
    }

    /// The ids of every File.
    var fileIDs: Set<String> { Set(self.fileElements.compactMap { self.attribute("id", of: $0) }) }

    /// The Envelope-level DiskSection(s); only one is allowed (OVF-DISK-001).
    var diskSections: [XMLElement] { self.root.children.filter { self.kind(of: $0) == "DiskSection" } }

    /// The Disk elements of the Envelope-level DiskSection(s).
    var disks: [XMLElement] { self.diskSections.flatMap { $0.children.filter { self.kind(of: $0) == "Disk" } } }

    /// The names of the Networks declared at Envelope level.
    var networkNames: [String] {
        self.root.children.filter { self.kind(of: $0) == "NetworkSection" }
            .flatMap { $0.children.filter { self.kind(of: $0) == "Network" } }
            .compactMap { self.attribute("name", of: $0) }
    }

    /// The Content elements directly under the Envelope.
    var topLevelContents: [XMLElement] { self.root.children.filter { self.isContent($0) } }

    /// Every Content of the tree, outermost first.
    var allContents: [XMLElement] {
        var result: [XMLElement] = []
        func visit(_ element: XMLElement) {
            result.append(element)
            for child in element.children where self.isContent(child) { visit(child) }
        }
        for content in self.topLevelContents { visit(content) }
        return result
    }

    /// Every VirtualSystem of the tree.
    var virtualSystems: [XMLElement] { self.allContents.filter { self.kind(of: $0) == "VirtualSystem" } }

    /// The sections of one Content (its non-Content children other than Info and Name).
    func sections(of content: XMLElement) -> [XMLElement] {
        content.children.filter { child in
            !self.isContent(child) && !(self.isOVF(child) && (child.localName == "Info" || child.localName == "Name"))
        }
    }

    /// The ids of DeploymentOption configurations.
    var configurationIDs: Set<String> {
        Set(
            self.root.children.filter { self.kind(of: $0) == "DeploymentOptionSection" }
                .flatMap { $0.children.filter { self.kind(of: $0) == "Configuration" } }
                .compactMap { self.attribute("id", of: $0) }
        )
    }

    /// Every ProductSection Property of the tree, for `${key}` capacity references.
    var properties: [XMLElement] {
        var result: [XMLElement] = []
        self.root.forEachDescendant { element in
            if self.kind(of: element) == "Property" { result.append(element) }
        }
        return result
    }

    /// Every hardware item of every VirtualHardwareSection, with the section it belongs to.
    var hardwareItems: [(section: XMLElement, item: HardwareItem)] {
        self.virtualSystems.flatMap { system in
            system.children.filter { self.kind(of: $0) == "VirtualHardwareSection" }.flatMap { section in
                section.children.compactMap { HardwareItem($0, in: self) }.map { (section: section, item: $0) }
            }
        }
    }

    // MARK: Findings

    /// An error about an element of this descriptor; the text is prefixed with the descriptor's name.
    func error(_ ruleID: String, at element: XMLElement?, _ text: String) -> Finding {
        .error(ruleID, file: self.name, line: element?.line, "\(self.name): \(text)", args: [self.name])
    }

    /// A typed warning about an element of this descriptor; the text is prefixed with the descriptor's name.
    func warning(_ ruleID: String, _ type: WarningType, at element: XMLElement?, _ text: String) -> Finding {
        .warning(ruleID, type: type, file: self.name, line: element?.line, "\(self.name): \(text)", args: [self.name])
    }
}
