//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// One vim25 method call read from a SOAP envelope: the method, `_this`, and the argument elements.
package struct SOAPCall: Sendable, Equatable {
    /// The method name, e.g. `RetrieveProperties`.
    package var method: String
    /// The object the method is called on.
    package var this: ManagedObjectReference
    /// The method element; its children are the arguments.
    package var element: SOAPXMLElement

    /// Reads the call from an envelope tree.
    /// - Throws: `InvalidRequest` when the document is not a SOAP 1.1 envelope with a method
    ///   element in its body.
    package init(envelope: SOAPXMLElement) throws(SOAPFault) {
        guard envelope.name == "Envelope", envelope.namespace == SOAPEnvelope.namespace else {
            throw SOAPFault.invalidRequest("The request is not a SOAP 1.1 envelope (\(SOAPEnvelope.namespace)).")
        }
        guard let body = envelope.child("Body"), let method = body.children.first else {
            throw SOAPFault.invalidRequest("The SOAP envelope has no method in its Body.")
        }
        self.method = method.name
        self.this = method.child("_this").flatMap(ManagedObjectReference.init) ?? ManagedObjectReference(type: "", value: "")
        self.element = method
    }

    /// Whether the call names the object it is made on (`_this` with a `type` attribute); the
    /// endpoint refuses a call that does not, once it knows the method.
    package var namesItsObject: Bool { !self.this.type.isEmpty }

    /// The trimmed text of the argument `name`; `nil` when absent.
    package func argument(_ name: String) -> String? {
        self.element.childText(name)
    }

    /// The argument `name`, which must be present.
    package func required(_ name: String) throws(SOAPFault) -> String {
        guard let value = self.argument(name) else {
            throw SOAPFault.invalidArgument(name, "\(self.method) needs the argument \(name).")
        }
        return value
    }
}
