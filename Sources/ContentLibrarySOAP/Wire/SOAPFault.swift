//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A vim25 fault: a SOAP 1.1 `Fault` whose `detail` holds the `MethodFault` subtype govc decodes.
package struct SOAPFault: Error, Sendable, Equatable {
    /// The vim25 fault type, e.g. `NotAuthenticated`.
    package var type: String
    /// The `faultstring`: what went wrong, for people.
    package var message: String
    /// The fault's own fields (e.g. `obj` of `ManagedObjectNotFound`), in schema order.
    package var fields: [SOAPField]

    /// Creates a fault.
    package init(type: String, message: String, fields: [SOAPField] = []) {
        self.type = type
        self.message = message
        self.fields = fields
    }

    /// `NotSupported`: a method or object this endpoint does not serve.
    package static func notSupported(_ message: String) -> SOAPFault {
        SOAPFault(type: "NotSupported", message: message)
    }

    /// `ManagedObjectNotFound`: the reference names no object of the inventory.
    package static func managedObjectNotFound(_ reference: ManagedObjectReference) -> SOAPFault {
        SOAPFault(
            type: "ManagedObjectNotFound", message: "The object '\(reference)' has already been deleted or has not been completely created",
            fields: [SOAPField("obj", .reference(reference))]
        )
    }

    /// `InvalidProperty`: a property path the object's type does not have.
    package static func invalidProperty(_ name: String, type: String) -> SOAPFault {
        SOAPFault(type: "InvalidProperty", message: "The type \(type) has no property \(name).", fields: [SOAPField("name", .string(name))])
    }

    /// `NotAuthenticated`: the method needs a session (log in first).
    package static func notAuthenticated(_ object: ManagedObjectReference) -> SOAPFault {
        SOAPFault(
            type: "NotAuthenticated", message: "The session is not authenticated: log in with SessionManager.Login first.",
            fields: [SOAPField("object", .reference(object)), SOAPField("privilegeId", .string("System.View"))]
        )
    }

    /// `InvalidLogin`: the user name or password is wrong (which one is not said).
    package static let invalidLogin = SOAPFault(
        type: "InvalidLogin", message: "Cannot complete login due to an incorrect user name or password."
    )

    /// `InvalidRequest`: the body is not a SOAP request this endpoint can read.
    package static func invalidRequest(_ message: String) -> SOAPFault {
        SOAPFault(type: "InvalidRequest", message: message)
    }

    /// `InvalidArgument`: an argument of a known method is missing or malformed.
    package static func invalidArgument(_ name: String, _ message: String) -> SOAPFault {
        SOAPFault(type: "InvalidArgument", message: message, fields: [SOAPField("invalidProperty", .string(name))])
    }

    /// `NotFound`: e.g. a session key that names no session of the caller.
    package static func notFound(_ message: String) -> SOAPFault {
        SOAPFault(type: "NotFound", message: message)
    }

    /// `SystemError`: the server failed; the reason is logged, the client sees a short text.
    package static func systemError(_ reason: String) -> SOAPFault {
        SOAPFault(type: "SystemError", message: reason, fields: [SOAPField("reason", .string(reason))])
    }

    /// The `soapenv:Fault` element.
    var xml: String {
        "<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>\(XMLText.escaped(self.message))</faultstring>"
            + "<detail><\(self.type)Fault xmlns=\"urn:vim25\" xsi:type=\"\(self.type)\">"
            + self.fields.map { $0.value.xml($0.name) }.joined()
            + "</\(self.type)Fault></detail></soapenv:Fault>"
    }
}
