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
///
/// The tree is built from libxml2's SAX2 events (TreeBuilder) rather than copied out of a
/// libxml2 document: building libxml2's own tree only to copy and free it cost about as much
/// again as parsing, and the descriptor rules need the Swift tree alone.
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
        let builder = TreeBuilder(dictionary: context.pointee.dict)
        let unmanaged = Unmanaged.passRetained(builder)
        defer { unmanaged.release() }
        context.pointee._private = unmanaged.toOpaque()
        TreeBuilder.install(on: context)

        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), "descriptor.ovf", nil, Self.options)
            }
        }
        // The document holds no elements (the builder took them), only what libxml2 keeps for itself.
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
        guard document != nil, context.pointee.wellFormed != 0, let root = builder.root else {
            let error = Self.lastError(context)
            throw XMLParseFailure(
                ruleID: "OVF-XML-001",
                reason: "the descriptor is not well-formed XML: " + (error?.message ?? "the document is empty"),
                line: error?.line, column: error?.column
            )
        }
        return root
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
}
