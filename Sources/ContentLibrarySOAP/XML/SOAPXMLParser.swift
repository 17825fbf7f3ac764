//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import CLibXML2

/// Parses a SOAP request body with libxml2, hardened like the OVF descriptor parser.
///
/// - No network (`XML_PARSE_NONET`), no entity substitution (`XML_PARSE_NOENT` is not set), no
///   DTD loading or validation, no `XML_PARSE_HUGE` (libxml2's depth and size limits hold).
/// - A DOCTYPE stops the parser as soon as libxml2 sees it, before its internal subset is read:
///   SOAP 1.1 forbids a document type declaration in a message, and refusing it makes external
///   entities and entity expansion impossible by construction.
/// - Nothing is printed; errors come from the parser context. The byte size is the caller's
///   limit (the route reads at most `maxBody` bytes).
/// - At most `maxElements` elements are copied into the Swift tree.
package struct SOAPXMLParser: Sendable {
    /// Elements copied out at most; a vim25 request of the kind this endpoint serves has a few dozen.
    package var maxElements: Int

    /// Creates a parser.
    package init(maxElements: Int = 10_000) {
        self.maxElements = maxElements
    }

    private static let options = Int32(
        bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue
    )

    private static let libraryInitialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// The namespace of `xsi:type`.
    static let schemaInstance = "http://www.w3.org/2001/XMLSchema-instance"

    /// Parses `bytes` into the tree of the document element.
    /// - Throws: `SOAPFault` (`InvalidRequest`) for malformed XML, a DOCTYPE or too many elements.
    package func parse(_ bytes: [UInt8]) throws(SOAPFault) -> SOAPXMLElement {
        precondition(Self.libraryInitialized)
        guard !bytes.isEmpty else { throw SOAPFault.invalidRequest("The request body is empty; send a SOAP 1.1 envelope.") }
        guard let context = xmlNewParserCtxt() else { throw SOAPFault.invalidRequest("The XML parser could not be created.") }
        defer { xmlFreeParserCtxt(context) }
        let sax = context.pointee.sax!
        sax.pointee.internalSubset = { userData, _, _, _ in
            guard let userData else { return }
            xmlStopParser(userData.assumingMemoryBound(to: xmlParserCtxt.self))
        }
        sax.pointee.externalSubset = nil
        sax.pointee.entityDecl = nil
        sax.pointee.resolveEntity = nil
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), "request.xml", nil, Self.options)
            }
        }
        defer { if let document { xmlFreeDoc(document) } }
        if context.pointee.errNo == Int32(XML_ERR_USER_STOP.rawValue) {
            throw SOAPFault.invalidRequest("The request has a DOCTYPE declaration; SOAP messages must not have one.")
        }
        guard let document, context.pointee.wellFormed != 0, let root = xmlDocGetRootElement(document) else {
            var detail = "the document is empty"
            if let raw = xmlCtxtGetLastError(UnsafeMutableRawPointer(context)), raw.pointee.code != 0, let message = raw.pointee.message {
                detail = String(cString: message).trimmingTrailingNewlines + " (line \(raw.pointee.line))"
            }
            throw SOAPFault.invalidRequest("The request is not well-formed XML: \(detail).")
        }
        var budget = self.maxElements
        return try Self.copy(root, budget: &budget)
    }

    /// Copies a libxml2 element and its subtree into Swift values.
    private static func copy(_ node: xmlNodePtr, budget: inout Int) throws(SOAPFault) -> SOAPXMLElement {
        budget -= 1
        guard budget >= 0 else { throw SOAPFault.invalidRequest("The request has too many XML elements.") }
        var element = SOAPXMLElement(name: Self.string(node.pointee.name))
        if let ns = node.pointee.ns, let href = ns.pointee.href { element.namespace = Self.string(href) }
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = Self.string(current.pointee.name)
            var value = ""
            var part = current.pointee.children
            while let text = part {
                if let content = text.pointee.content { value += Self.string(content) }
                part = text.pointee.next
            }
            element.attributes[name] = value
            if name == "type", let ns = current.pointee.ns, let href = ns.pointee.href, Self.string(href) == Self.schemaInstance {
                element.schemaType = value.split(separator: ":").last.map(String.init) ?? value
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(try Self.copy(current, budget: &budget))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.text += Self.string(content) }
            default:
                break
            }
            child = current.pointee.next
        }
        return element
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private static func string(_ pointer: UnsafeMutablePointer<xmlChar>) -> String {
        String(cString: pointer)
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
