//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import CLibXML2

/// Parses descriptor bytes with libxml2, hardened against hostile XML.
///
/// - No network (`XML_PARSE_NONET`), no DTD loading, no entity substitution, no DTD validation,
///   no `XML_PARSE_HUGE` (so libxml2's 256-level depth limit and its other size limits hold).
/// - Any DOCTYPE is refused with OVF-XML-002 as soon as libxml2 sees it, before the internal
///   subset is read, so no entity (internal or external) is ever declared, let alone expanded.
///   Project policy: OVF never needs a DOCTYPE, so even a bare one is an error; this is the
///   simplest rule that makes XXE and billion-laughs impossible by construction.
/// - Errors are read from the parser context (`xmlCtxtGetLastError`), never from global state,
///   and nothing is printed (`XML_PARSE_NOERROR | XML_PARSE_NOWARNING`).
struct HardenedXMLParser: Sendable {
    /// Creates a parser.
    init() {}

    /// The libxml2 options in force; see the type's documentation for why each is (not) set.
    static var options: Int32 {
        Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue)
    }

    /// Initialises libxml2 once per process, before any parse: in 2.9 the first initialisation
    /// is not safe to race, and a Swift `static let` runs exactly once.
    private static let libraryInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes` into an element tree rooted at the document element.
    /// - Throws: XMLParseFailure for a DOCTYPE (OVF-XML-002) or malformed XML (OVF-XML-001).
    func parse(_ bytes: [UInt8]) throws(XMLParseFailure) -> XMLElement {
        precondition(Self.libraryInitialized)
        guard let context = xmlNewParserCtxt() else {
            throw XMLParseFailure(ruleID: "OVF-XML-001", reason: "the XML parser could not be created")
        }
        defer { xmlFreeParserCtxt(context) }
        // The DOCTYPE hook: stop at the first DOCTYPE, before its internal subset is parsed.
        // `xmlStopParser` records XML_ERR_USER_STOP in the context, which is how we tell it apart.
        context.pointee.sax.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        context.pointee.sax.pointee.externalSubset = nil
        context.pointee.sax.pointee.entityDecl = nil
        context.pointee.sax.pointee.resolveEntity = nil

        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), "descriptor.ovf", nil, Self.options)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }

        // After a stop libxml2 may still return a root-less document with `wellFormed` set, so the
        // stop itself (errNo, disableSAX) is what marks the rejection.
        if context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) || (context.pointee.disableSAX != 0 && context.pointee.wellFormed != 0) {
            throw XMLParseFailure(
                ruleID: "OVF-XML-002",
                reason: "the descriptor has a DOCTYPE declaration; DTDs and entity declarations are refused "
                    + "(an OVF descriptor never needs one, and they enable external-entity and entity-expansion attacks)",
                line: Self.lastError(context)?.line, column: nil
            )
        }
        guard let document, context.pointee.wellFormed != 0, let root = xmlDocGetRootElement(document) else {
            let error = Self.lastError(context)
            throw XMLParseFailure(
                ruleID: "OVF-XML-001",
                reason: "the descriptor is not well-formed XML: " + (error?.message ?? "the document is empty"),
                line: error?.line, column: error?.column
            )
        }
        return Self.copy(root)
    }

    /// The last error libxml2 recorded in this context, with its position.
    private static func lastError(_ context: xmlParserCtxtPtr) -> (message: String, line: Int?, column: Int?)? {
        guard let raw = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)) else { return nil }
        let error = raw.pointee
        guard error.code != 0 else { return nil }
        var message = error.message.map { String(cString: $0).trimmedXMLSpace } ?? "error \(error.code)"
        if message.hasPrefix("Excessive depth in document") {
            // libxml2's own text suggests XML_PARSE_HUGE, which is deliberately never set.
            message = "elements are nested more than 256 levels deep (excessive depth in document)"
        }
        return (message, error.line > 0 ? Int(error.line) : nil, error.int2 > 0 ? Int(error.int2) : nil)
    }

    /// Copies an element and its subtree out of libxml2.
    private static func copy(_ node: xmlNodePtr) -> XMLElement {
        var names = InternedNames()
        return names.copy(node)
    }
}

/// Copies a libxml2 tree into XMLElement values, creating each distinct name, prefix and
/// namespace URI once.
///
/// libxml2 interns element and attribute names in the parser's dictionary and shares one `xmlNs`
/// per declaration, so the same pointer comes back for every element of a kind; converting it
/// once instead of per element avoids re-validating and re-allocating the same long namespace
/// URIs thousands of times, and lets the copies share storage (which also makes comparing them
/// cheap). Keys are the C string pointers, which stay valid while the document is alive.
private struct InternedNames {
    /// The Swift strings already made, by C string address.
    private var strings: [UnsafePointer<xmlChar>: String] = [:]

    /// The Swift string for a C string that lives as long as the document.
    private mutating func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        if let known = self.strings[pointer] { return known }
        let made = String(cString: pointer)
        self.strings[pointer] = made
        return made
    }

    /// Copies an element and its subtree out of libxml2. Recursion is bounded by libxml2's depth limit.
    mutating func copy(_ node: xmlNodePtr) -> XMLElement {
        var attributes: [XMLAttribute] = []
        var schemaType: QualifiedName?
        var attribute = node.pointee.properties
        while let current = attribute {
            // Without a DTD an attribute's children are plain text nodes (character and predefined
            // entity references are already resolved), so the value is their concatenation.
            var value = ""
            var text = current.pointee.children
            while let node = text {
                if let content = node.pointee.content { value += String(cString: content) }
                text = node.pointee.next
            }
            let made = XMLAttribute(
                localName: self.string(current.pointee.name) ?? "",
                namespace: self.string(current.pointee.ns?.pointee.href),
                prefix: self.string(current.pointee.ns?.pointee.prefix),
                value: value
            )
            if made.localName == "type", made.namespace == OVFNamespace.xsi {
                schemaType = self.resolve(qualifiedName: made.value, at: node)
            }
            attributes.append(made)
            attribute = current.pointee.next
        }
        var children: [XMLElement] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                children.append(self.copy(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default:
                break
            }
            child = current.pointee.next
        }
        let line = xmlGetLineNo(node)
        return XMLElement(
            localName: self.string(node.pointee.name) ?? "",
            namespace: self.string(node.pointee.ns?.pointee.href),
            prefix: self.string(node.pointee.ns?.pointee.prefix),
            attributes: attributes,
            children: children,
            text: text,
            line: line > 0 ? Int(line) : nil,
            schemaType: schemaType
        )
    }

    /// Resolves a QName attribute value (`prefix:local`, or `local` for the default namespace)
    /// against the namespace declarations in scope at `node`, as libxml2 still knows them.
    mutating func resolve(qualifiedName value: String, at node: xmlNodePtr) -> QualifiedName {
        let written = value.trimmedXMLSpace
        var prefix: String?
        var localName = written
        if let colon = written.firstIndex(of: ":") {
            prefix = String(written[..<colon])
            localName = String(written[written.index(after: colon)...])
        }
        let declaration: xmlNsPtr? =
            if let prefix {
                prefix.withCString { name in
                    name.withMemoryRebound(to: xmlChar.self, capacity: prefix.utf8.count + 1) { xmlSearchNs(node.pointee.doc, node, $0) }
                }
            } else {
                xmlSearchNs(node.pointee.doc, node, nil)
            }
        return QualifiedName(namespace: self.string(declaration?.pointee.href), localName: localName, written: written)
    }
}
