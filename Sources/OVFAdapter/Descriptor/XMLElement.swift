//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// An element of a parsed descriptor, built from libxml2's SAX events into a plain Swift value.
///
/// Owning its strings keeps libxml2 pointers inside the parser and makes the tree `Sendable`; the
/// size cap (OVF-XML-003) and libxml2's depth limit bound how large and deep the tree can be.
///
/// The fields live in one immutable shared box, so copying an element (which the rules do for
/// every child they filter, walk or keep) costs one retain instead of one per field; a tree of
/// thousands of elements is copied many times over while the rules run.
struct XMLElement: Hashable, Sendable {
    /// The immutable fields of an element.
    private final class Storage: Sendable {
        let localName: String
        let namespace: String?
        let prefix: String?
        let attributes: [XMLAttribute]
        let children: [XMLElement]
        let text: String
        let line: Int?
        let schemaType: QualifiedName?

        init(
            localName: String, namespace: String?, prefix: String?, attributes: [XMLAttribute], children: [XMLElement], text: String, line: Int?,
            schemaType: QualifiedName?
        ) {
            self.localName = localName
            self.namespace = namespace
            self.prefix = prefix
            self.attributes = attributes
            self.children = children
            self.text = text
            self.line = line
            self.schemaType = schemaType
        }
    }

    /// The shared fields.
    private let storage: Storage

    /// Creates an element.
    init(
        localName: String, namespace: String?, prefix: String?, attributes: [XMLAttribute], children: [XMLElement], text: String, line: Int?,
        schemaType: QualifiedName? = nil
    ) {
        self.storage = Storage(
            localName: localName, namespace: namespace, prefix: prefix, attributes: attributes, children: children, text: text, line: line,
            schemaType: schemaType
        )
    }

    /// The local name, without prefix.
    var localName: String { self.storage.localName }
    /// The namespace URI, when the element is in one.
    var namespace: String? { self.storage.namespace }
    /// The prefix as written, for messages.
    var prefix: String? { self.storage.prefix }
    /// The attributes in document order.
    var attributes: [XMLAttribute] { self.storage.attributes }
    /// The child elements in document order.
    var children: [XMLElement] { self.storage.children }
    /// The concatenated text and CDATA directly inside the element.
    var text: String { self.storage.text }
    /// The 1-based line of the start tag, when libxml2 knows it: the line where the start tag
    /// ends, which for a tag written over several lines is its last line.
    var line: Int? { self.storage.line }
    /// The `xsi:type` of the element with its prefix resolved against the namespace declarations
    /// in scope where it is written (as XML Schema reads a QName value); `nil` without `xsi:type`.
    /// OVF 0.9 names its sections this way (`<Section xsi:type="ovf:DiskSection_Type">`), and the
    /// prefix is only meaningful through its declaration, which is gone once the tree is copied.
    var schemaType: QualifiedName? { self.storage.schemaType }

    static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.localName == rhs.localName && lhs.namespace == rhs.namespace && lhs.prefix == rhs.prefix
            && lhs.attributes == rhs.attributes && lhs.children == rhs.children && lhs.text == rhs.text && lhs.line == rhs.line
            && lhs.schemaType == rhs.schemaType
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.localName)
        hasher.combine(self.namespace)
        hasher.combine(self.prefix)
        hasher.combine(self.attributes)
        hasher.combine(self.children)
        hasher.combine(self.text)
        hasher.combine(self.line)
        hasher.combine(self.schemaType)
    }

    /// The name as written (`prefix:local`), for messages.
    var qualifiedName: String {
        if let prefix, !prefix.isEmpty { return prefix + ":" + self.localName }
        return self.localName
    }

    /// The value of the attribute with this local name in this namespace (`nil` namespace: unqualified).
    func attribute(_ localName: String, namespace: String?) -> String? {
        self.attributes.first { $0.localName == localName && $0.namespace == namespace }?.value
    }

    /// The child elements with this local name, in any namespace when `namespace` is `nil`.
    func children(named localName: String, namespace: String? = nil) -> [XMLElement] {
        self.children.filter { $0.localName == localName && (namespace == nil || $0.namespace == namespace) }
    }

    /// The first child element with this local name, in any namespace when `namespace` is `nil`.
    func child(named localName: String, namespace: String? = nil) -> XMLElement? {
        self.children.first { $0.localName == localName && (namespace == nil || $0.namespace == namespace) }
    }

    /// The text with leading and trailing white space removed.
    var trimmedText: String { self.text.trimmedXMLSpace }
}

/// An attribute of an XMLElement.
struct XMLAttribute: Hashable, Sendable {
    /// The local name, without prefix.
    var localName: String
    /// The namespace URI; `nil` for an unqualified attribute.
    var namespace: String?
    /// The prefix as written, for messages.
    var prefix: String?
    /// The value, with character and predefined entity references resolved.
    var value: String

    /// The name as written (`prefix:local`), for messages.
    var qualifiedName: String {
        if let prefix, !prefix.isEmpty { return prefix + ":" + self.localName }
        return self.localName
    }
}

extension StringProtocol {
    /// The string without leading and trailing XML white space (space, tab, CR, LF).
    var trimmedXMLSpace: String {
        // Fast paths on the UTF-8 bytes, which give the same result as the Character scan below:
        // the four XML space characters are ASCII, so text made only of those bytes trims to "",
        // and text whose first and last bytes are not XML space starts and ends with a Character
        // that is not XML space (a Character that begins or ends with another scalar is none of
        // them), so nothing is trimmed. Only text with space at an end and content inside takes
        // the grapheme-aware path, so combining marks after a space keep their meaning.
        let isSpaceByte: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let string = String(self)
        let bytes = string.utf8
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return "" }
        if !isSpaceByte(firstByte) && !isSpaceByte(lastByte) { return string }
        if bytes.allSatisfy(isSpaceByte) { return "" }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = self.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = self.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
