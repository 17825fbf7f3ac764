//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Writes SOAP 1.1 response envelopes in the vim25 shape.
package enum SOAPEnvelope {
    /// The SOAP 1.1 envelope namespace.
    package static let namespace = "http://schemas.xmlsoap.org/soap/envelope/"
    /// The vim25 namespace.
    package static let vim25 = "urn:vim25"

    /// An envelope whose body is `body`.
    static func wrap(_ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<soapenv:Envelope xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:soapenv=\"\(Self.namespace)\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>"
    }

    /// `<MethodResponse xmlns="urn:vim25">returnval…</MethodResponse>`.
    static func response(method: String, returnval: String) -> String {
        Self.wrap("<\(method)Response xmlns=\"\(Self.vim25)\">" + returnval + "</\(method)Response>")
    }

    /// The envelope of a fault.
    package static func fault(_ fault: SOAPFault) -> String {
        Self.wrap(fault.xml)
    }
}
