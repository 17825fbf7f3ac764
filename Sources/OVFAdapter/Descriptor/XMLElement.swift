//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// An element of a parsed descriptor, copied out of libxml2 into a plain Swift value.
///
/// Copying keeps libxml2 pointers inside the parser and makes the tree `Sendable`; the size cap
/// (OVF-XML-003) and libxml2's depth limit bound how large and deep the copy can be.
struct XMLElement: Hashable, Sendable {
    /// The local name, without prefix.
    var localName: String
    /// The namespace URI, when the element is in one.
    var namespace: String?
    /// The prefix as written, for messages.
    var prefix: String?
    /// The attributes in document order.
    var attributes: [XMLAttribute]
    /// The child elements in document order.
    var children: [XMLElement]
    /// The concatenated text and CDATA directly inside the element.
    var text: String
    /// The 1-based line of the start tag, when libxml2 knows it: the line where the start tag
    /// ends, which for a tag written over several lines is its last line.
    var line: Int?

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

    /// Calls `body` for this element and every descendant, depth first, in document order.
    func forEachDescendant(_ body: (XMLElement) -> Void) {
        body(self)
        for child in self.children { child.forEachDescendant(body) }
    }
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
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = self.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = self.lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
