//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One element of a parsed SOAP envelope: its local name, namespace, attributes and children.
///
/// The codec reads envelopes by local name (vim25 requests put everything in one namespace), so
/// prefixes are dropped; `xsi:type` is kept as `schemaType`, whatever prefix the client bound.
package struct SOAPXMLElement: Sendable, Equatable {
    /// The local name, e.g. `RetrieveProperties`.
    package var name: String
    /// The namespace URI, if any.
    package var namespace: String?
    /// The attributes by local name (an `xsi:type` attribute is also in `schemaType`).
    package var attributes: [String: String]
    /// The value of the `type` attribute in the XML Schema instance namespace, prefix removed.
    package var schemaType: String?
    /// The child elements, in document order.
    package var children: [SOAPXMLElement]
    /// The concatenated text directly inside the element.
    package var text: String

    /// Creates an element.
    package init(
        name: String, namespace: String? = nil, attributes: [String: String] = [:], schemaType: String? = nil,
        children: [SOAPXMLElement] = [], text: String = ""
    ) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
        self.schemaType = schemaType
        self.children = children
        self.text = text
    }

    /// The first child called `name`.
    package func child(_ name: String) -> SOAPXMLElement? {
        self.children.first { $0.name == name }
    }

    /// Every child called `name`.
    package func children(_ name: String) -> [SOAPXMLElement] {
        self.children.filter { $0.name == name }
    }

    /// The text of the first child called `name`, trimmed.
    package func childText(_ name: String) -> String? {
        self.child(name).map { $0.trimmedText }
    }

    /// The text without surrounding XML white space.
    package var trimmedText: String {
        var scalars = Substring(self.text)
        while let first = scalars.first, first.isXMLSpace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isXMLSpace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

extension Character {
    /// Space, tab, carriage return or line feed: XML's white space.
    fileprivate var isXMLSpace: Bool { self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\r\n" }
}
