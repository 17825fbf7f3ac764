//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import CLibXML2

/// Builds the XMLElement tree straight from libxml2's SAX2 events, for HardenedXMLParser.
///
/// libxml2 still does all the XML work (well-formedness, encodings, namespaces, character and
/// predefined entity references, limits); this only records what it reports, so no libxml2 tree
/// is built and then copied. Names, prefixes and namespace URIs come from the parser's
/// dictionary, so each distinct one is made into a Swift string once and shared by every element
/// that uses it (which also makes comparing them cheap). The namespace declarations in scope are
/// kept so that an `xsi:type` QName can be resolved where it is written.
///
/// One builder serves one parse, on the thread that runs it; the parser context's `_private`
/// points at it while libxml2 calls back. Its state is only ever touched from those callbacks,
/// one at a time, so the run-time exclusivity checks are switched off for it
/// (`@exclusivity(unchecked)`): they cost more than the work of a callback.
final class TreeBuilder {
    /// An element whose start tag has been read and whose end tag has not.
    private struct OpenElement {
        var localName: String
        var namespace: String?
        var prefix: String?
        var attributes: [XMLAttribute]
        var line: Int?
        var schemaType: QualifiedName?
        /// How many namespace declarations the start tag pushed onto `declarations`.
        var declared: Int
    }

    /// The document element, once its end tag has been read.
    private(set) var root: XMLElement?

    /// The parser's dictionary, which owns the names it hands out for the whole parse.
    private let dictionary: xmlDictPtr?
    /// The Swift strings already made for dictionary strings, by address.
    @exclusivity(unchecked) private var strings: [UnsafePointer<xmlChar>: String] = [:]
    /// The open elements, outermost first.
    @exclusivity(unchecked) private var open: [OpenElement] = []
    /// The children read so far of each open element, by depth; the arrays are reused from one
    /// element to the next, so an element's children cost one exact allocation.
    @exclusivity(unchecked) private var children: [[XMLElement]] = []
    /// The text read so far directly inside each open element, by depth, reused likewise.
    @exclusivity(unchecked) private var texts: [[UInt8]] = []
    /// The namespace declarations in scope, innermost last: prefix (`nil` for the default
    /// namespace) and URI (`nil` where `xmlns=""` undeclares the default).
    @exclusivity(unchecked) private var declarations: [(prefix: String?, uri: String?)] = []

    /// Creates a builder for a parse with this dictionary.
    init(dictionary: xmlDictPtr?) {
        self.dictionary = dictionary
    }

    /// Points the SAX2 handlers of `context` at the builder in its `_private`, and installs the
    /// DOCTYPE stop that HardenedXMLParser's policy needs.
    static func install(on context: xmlParserCtxtPtr) {
        let sax = context.pointee.sax!
        // The DOCTYPE hook: stop at the first DOCTYPE, before its internal subset is parsed.
        // `xmlStopParser` records XML_ERR_USER_STOP in the context, which is how we tell it apart.
        sax.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        sax.pointee.externalSubset = nil
        sax.pointee.entityDecl = nil
        sax.pointee.resolveEntity = nil
        sax.pointee.reference = nil
        sax.pointee.comment = nil
        sax.pointee.processingInstruction = nil
        sax.pointee.startElement = nil
        sax.pointee.endElement = nil
        sax.pointee.startElementNs = { userData, localName, prefix, uri, namespaceCount, namespaces, attributeCount, _, attributes in
            guard let userData else { return }
            let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            TreeBuilder.builder(context).start(
                localName: localName, prefix: prefix, uri: uri, namespaceCount: Int(namespaceCount), namespaces: namespaces,
                attributeCount: Int(attributeCount), attributes: attributes, line: context.pointee.input.map { Int($0.pointee.line) }
            )
        }
        sax.pointee.endElementNs = { userData, _, _, _ in
            guard let userData else { return }
            TreeBuilder.builder(userData.assumingMemoryBound(to: xmlParserCtxt.self)).end()
        }
        let characters: charactersSAXFunc = { userData, bytes, count in
            guard let userData, let bytes, count > 0 else { return }
            TreeBuilder.builder(userData.assumingMemoryBound(to: xmlParserCtxt.self)).characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = characters
    }

    /// The builder of a context whose `_private` HardenedXMLParser set.
    private static func builder(_ context: xmlParserCtxtPtr) -> TreeBuilder {
        Unmanaged<TreeBuilder>.fromOpaque(context.pointee._private).takeUnretainedValue()
    }

    // MARK: Events

    /// A start tag: its name, the namespaces it declares, its attributes (five pointers each:
    /// local name, prefix, URI, value start, value end).
    private func start(
        localName: UnsafePointer<xmlChar>?, prefix: UnsafePointer<xmlChar>?, uri: UnsafePointer<xmlChar>?,
        namespaceCount: Int, namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        attributeCount: Int, attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, line: Int?
    ) {
        if let namespaces {
            for index in 0..<namespaceCount {
                let declared = self.string(namespaces[2 * index + 1])
                self.declarations.append((prefix: self.string(namespaces[2 * index]), uri: declared?.isEmpty == true ? nil : declared))
            }
        }
        var made: [XMLAttribute] = []
        var schemaType: QualifiedName?
        if let attributes, attributeCount > 0 {
            made.reserveCapacity(attributeCount)
            for index in 0..<attributeCount {
                let base = attributes + 5 * index
                guard let start = base[3], let end = base[4] else { continue }
                let attribute = XMLAttribute(
                    localName: self.string(base[0]) ?? "", namespace: self.string(base[2]), prefix: self.string(base[1]),
                    value: Self.attributeValue(UnsafeBufferPointer(start: start, count: end - start))
                )
                if attribute.localName == "type", attribute.namespace == OVFNamespace.xsi {
                    schemaType = self.resolve(qualifiedName: attribute.value)
                }
                made.append(attribute)
            }
        }
        self.open.append(OpenElement(
            localName: self.string(localName) ?? "", namespace: self.string(uri), prefix: self.string(prefix),
            attributes: made, line: line.flatMap { $0 > 0 ? $0 : nil }, schemaType: schemaType, declared: namespaceCount
        ))
        if self.children.count < self.open.count {
            self.children.append([])
            self.texts.append([])
        }
    }

    /// Text or CDATA directly inside the innermost open element.
    private func characters(_ bytes: UnsafeBufferPointer<xmlChar>) {
        guard !self.open.isEmpty else { return }
        self.texts[self.open.count - 1].append(contentsOf: bytes)
    }

    /// An end tag: the innermost open element is complete.
    private func end() {
        guard let element = self.open.popLast() else { return }
        let depth = self.open.count
        let made = XMLElement(
            localName: element.localName, namespace: element.namespace, prefix: element.prefix, attributes: element.attributes,
            children: Array(self.children[depth]), text: String(decoding: self.texts[depth], as: UTF8.self), line: element.line,
            schemaType: element.schemaType
        )
        self.children[depth].removeAll(keepingCapacity: true)
        self.texts[depth].removeAll(keepingCapacity: true)
        self.declarations.removeLast(element.declared)
        if depth == 0 {
            self.root = made
        } else {
            self.children[depth - 1].append(made)
        }
    }

    // MARK: Values

    /// The Swift string for a string libxml2 handed out; made once per dictionary string.
    ///
    /// Only strings the parser's dictionary owns are remembered by address: they live as long
    /// as the parse, so an address cannot come back with other content.
    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = self.strings[pointer] { return known }
        let made = String(cString: pointer)
        if let dictionary = self.dictionary, xmlDictOwns(dictionary, pointer) == 1 { self.strings[pointer] = made }
        return made
    }

    /// An attribute value as SAX2 reports it, with references resolved.
    ///
    /// Without entity substitution libxml2 resolves every character and predefined entity
    /// reference in an attribute value except those that make an `&`, which it hands over as
    /// `&#38;` for the tree builder to resolve; with no DTD there is no other entity, so
    /// replacing each `&#38;` in one left-to-right pass gives the value.
    static func attributeValue(_ bytes: UnsafeBufferPointer<xmlChar>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let reference = Array("&#38;".utf8)
        var resolved: [UInt8] = []
        resolved.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), index + reference.count <= bytes.count,
                bytes[index..<(index + reference.count)].elementsEqual(reference)
            {
                resolved.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                resolved.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: resolved, as: UTF8.self)
    }

    /// Resolves a QName attribute value (`prefix:local`, or `local` for the default namespace)
    /// against the namespace declarations in scope at the element being started.
    private func resolve(qualifiedName value: String) -> QualifiedName {
        let written = value.trimmedXMLSpace
        var prefix: String?
        var localName = written
        if let colon = written.firstIndex(of: ":") {
            prefix = String(written[..<colon])
            localName = String(written[written.index(after: colon)...])
        }
        var namespace: String?
        if prefix == "xml" {
            namespace = "http://www.w3.org/XML/1998/namespace"
        } else if let declaration = self.declarations.last(where: { $0.prefix == prefix }) {
            namespace = declaration.uri
        }
        return QualifiedName(namespace: namespace, localName: localName, written: written)
    }
}
