//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// A parsed OVF descriptor: the model every rule reads, built once per validation.
///
/// Rules read the element tree through this type so that the 0.9 `xsi:type` style, lenient
/// unqualified attributes and the envelope namespace are handled in one place (OVFVocabulary),
/// and the parts of the package (files, disks, networks, contents, hardware items) are derived
/// once when it is made, not by each rule: the rules used to derive them again and again, walking
/// the tree several times and building the hardware items three times over. It is a class, so
/// handing it to the rules shares it instead of copying its parts.
final class Descriptor: Sendable {
    /// The descriptor's session file name, used in every finding.
    let name: String
    /// The document element.
    let root: XMLElement
    /// How this descriptor's OVF version names things.
    let vocabulary: OVFVocabulary

    /// The envelope namespace of the root, which every OVF element and attribute must use.
    var ovf: String { self.vocabulary.ovf }
    /// Whether the descriptor is OVF 2.x.
    var isVersion2: Bool { self.vocabulary.ovf == OVFNamespace.envelope2 }
    /// Whether the descriptor is the legacy OVF 0.9 form; see OVFVocabulary.isLegacy.
    var isLegacy: Bool { self.vocabulary.isLegacy }

    // MARK: Parts of the package

    /// Every element of the tree, the root first, in document order: the rules that look at
    /// every element iterate this instead of walking the tree each.
    let elements: [XMLElement]
    /// The elements that carry at least one attribute, in document order: the rules about
    /// attributes (OVF-ENV-004, OVF-SEC-005, `fileRef` and `msgid` uses) look only at these, a
    /// small part of a descriptor whose CIM property elements carry none.
    let attributedElements: [XMLElement]
    /// The OVF elements whose name ends in `Section` (the 0.9 typed `Section` included), in
    /// document order, for the rules of particular sections wherever they stand.
    let sectionElements: [XMLElement]
    /// The `References` elements among the Envelope's children.
    let referencesElements: [XMLElement]
    /// The File elements of every References.
    let fileElements: [XMLElement]
    /// The References, as the rest of the package sees them: entries with an id and an href,
    /// with numeric attributes that parse (others are left out after their own findings).
    let references: [FileReference]
    /// The ids of every File.
    let fileIDs: Set<String>
    /// The Envelope-level DiskSection(s); only one is allowed (OVF-DISK-001).
    let diskSections: [XMLElement]
    /// The Disk elements of the Envelope-level DiskSection(s).
    let disks: [XMLElement]
    /// The Envelope-level NetworkSection(s); only one is allowed (OVF-NET-001).
    let networkSections: [XMLElement]
    /// The names of the Networks declared at Envelope level.
    let networkNames: [String]
    /// The Content elements directly under the Envelope.
    let topLevelContents: [XMLElement]
    /// Every Content of the tree, outermost first.
    let allContents: [XMLElement]
    /// Every VirtualSystem of the tree.
    let virtualSystems: [XMLElement]
    /// The ids of DeploymentOption configurations.
    let configurationIDs: Set<String>
    /// Every ProductSection Property of the tree, for `${key}` capacity references.
    let properties: [XMLElement]
    /// The VirtualHardwareSections of each Content, in the order of `allContents` (a misplaced
    /// one in a collection included, for the section rules), with their items read once.
    let contentHardware: [[HardwareSection]]
    /// Every hardware item of every VirtualHardwareSection of a VirtualSystem, with its section.
    let hardwareItems: [(section: XMLElement, item: HardwareItem)]

    /// Creates the model over a parsed tree, deriving the parts every rule reads: one walk of
    /// the tree, plus a look at the Envelope's and the Contents' children.
    init(name: String, root: XMLElement) {
        self.name = name
        self.root = root
        let vocabulary = OVFVocabulary(ovf: root.namespace ?? OVFNamespace.envelope1)
        self.vocabulary = vocabulary

        var elements: [XMLElement] = []
        var attributedElements: [XMLElement] = []
        var sectionElements: [XMLElement] = []
        var properties: [XMLElement] = []
        func visit(_ element: XMLElement) {
            elements.append(element)
            if !element.attributes.isEmpty { attributedElements.append(element) }
            let name = element.localName.utf8
            if name.last == UInt8(ascii: "n"), name.reversed().starts(with: "noitceS".utf8), vocabulary.isOVF(element) {
                sectionElements.append(element)
            } else if element.localName == "Property", vocabulary.kind(of: element) == "Property" {
                properties.append(element)
            }
            for child in element.children { visit(child) }
        }
        visit(root)
        self.elements = elements
        self.attributedElements = attributedElements
        self.sectionElements = sectionElements
        self.properties = properties

        var referencesElements: [XMLElement] = []
        var diskSections: [XMLElement] = []
        var networkSections: [XMLElement] = []
        var configurations: [XMLElement] = []
        var topLevelContents: [XMLElement] = []
        for child in root.children {
            switch vocabulary.kind(of: child) {
            case "References": referencesElements.append(child)
            case "DiskSection": diskSections.append(child)
            case "NetworkSection": networkSections.append(child)
            case "DeploymentOptionSection": configurations += child.children.filter { vocabulary.kind(of: $0) == "Configuration" }
            case "VirtualSystem", "VirtualSystemCollection": topLevelContents.append(child)
            default: break
            }
        }
        self.referencesElements = referencesElements
        self.diskSections = diskSections
        self.networkSections = networkSections
        self.topLevelContents = topLevelContents
        let fileElements = referencesElements.flatMap { $0.children.filter { vocabulary.kind(of: $0) == "File" } }
        self.fileElements = fileElements
        self.fileIDs = Set(fileElements.compactMap { vocabulary.attribute("id", of: $0) })
        self.references = fileElements.compactMap { element in
            guard let id = vocabulary.attribute("id", of: element), let href = vocabulary.attribute("href", of: element),
                !id.isEmpty, !href.isEmpty
            else { return nil }
            let compression = vocabulary.attribute("compression", of: element).map(\.trimmedXMLSpace)
            return FileReference(
                id: id, href: href,
                size: vocabulary.attribute("size", of: element).flatMap { Int64($0.trimmedXMLSpace) },
                compression: compression?.isEmpty == false ? compression : nil,
                chunkSize: vocabulary.attribute("chunkSize", of: element).flatMap { Int64($0.trimmedXMLSpace) }.flatMap { $0 > 0 ? $0 : nil },
                line: element.line
            )
        }
        self.disks = diskSections.flatMap { $0.children.filter { vocabulary.kind(of: $0) == "Disk" } }
        self.networkNames = networkSections.flatMap { $0.children.filter { vocabulary.kind(of: $0) == "Network" } }
            .compactMap { vocabulary.attribute("name", of: $0) }
        self.configurationIDs = Set(configurations.compactMap { vocabulary.attribute("id", of: $0) })

        var contents: [XMLElement] = []
        func visitContent(_ element: XMLElement) {
            contents.append(element)
            for child in element.children where vocabulary.isContent(child) { visitContent(child) }
        }
        for content in topLevelContents { visitContent(content) }
        self.allContents = contents
        var virtualSystems: [XMLElement] = []
        var contentHardware: [[HardwareSection]] = []
        var hardwareItems: [(section: XMLElement, item: HardwareItem)] = []
        for content in contents {
            let isSystem = vocabulary.kind(of: content) == "VirtualSystem"
            if isSystem { virtualSystems.append(content) }
            var sections: [HardwareSection] = []
            for child in content.children where vocabulary.kind(of: child) == "VirtualHardwareSection" {
                let section = HardwareSection(element: child, items: child.children.compactMap { HardwareItem($0, vocabulary: vocabulary) })
                sections.append(section)
                if isSystem { hardwareItems += section.items.map { (section: child, item: $0) } }
            }
            contentHardware.append(sections)
        }
        self.virtualSystems = virtualSystems
        self.contentHardware = contentHardware
        self.hardwareItems = hardwareItems
    }

    // MARK: Names and attributes

    /// The value of `ovf:<name>` (or its unqualified or 0.9 spelling); see OVFVocabulary.
    func attribute(_ name: String, of element: XMLElement) -> String? { self.vocabulary.attribute(name, of: element) }

    /// Whether an element is an OVF element of this descriptor; see OVFVocabulary.
    func isOVF(_ element: XMLElement) -> Bool { self.vocabulary.isOVF(element) }

    /// The OVF kind of an element, `xsi:type` read; see OVFVocabulary.
    func kind(of element: XMLElement) -> String? { self.vocabulary.kind(of: element) }

    /// Whether an element is a Content (VirtualSystem or VirtualSystemCollection).
    func isContent(_ element: XMLElement) -> Bool { self.vocabulary.isContent(element) }

    /// The effective `ovf:required` of an element: `true` unless it says false (or 0).
    func isRequired(_ element: XMLElement) -> Bool { self.vocabulary.isRequired(element) }

    /// The element's name for messages: `ovf:Section (xsi:type ovf:DiskSection_Type)` for a typed
    /// Section or Content, so the user sees which one is meant; the written name otherwise.
    func displayName(of element: XMLElement) -> String {
        guard let type = element.schemaType else { return element.qualifiedName }
        return "\(element.qualifiedName) (xsi:type \(type.written))"
    }

    /// The sections of one Content (its non-Content children other than Info and Name).
    func sections(of content: XMLElement) -> [XMLElement] {
        content.children.filter { child in
            !self.isContent(child) && !(self.isOVF(child) && (child.localName == "Info" || child.localName == "Name"))
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
