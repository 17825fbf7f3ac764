//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `/sdk` on the HTTP server: the login is the vAPI login (same users and passwords), its token
/// travels in the `vmware_soap_session` cookie, and every failure is a SOAP fault in `text/xml`.
@Suite struct SOAPRouteTests {
    static func envelope(_ method: String, this: String, type: String, _ arguments: String = "") -> ByteBuffer {
        ByteBuffer(
            string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body>"
                + "<\(method) xmlns=\"urn:vim25\"><_this type=\"\(type)\">\(this)</_this>\(arguments)</\(method)></Body></Envelope>"
        )
    }

    static let xml: HTTPFields = [.contentType: "text/xml; charset=utf-8"]

    @Test func loginWithTheVAPIPasswordSetsTheSessionCookie() async throws {
        try await TestServer().run { client in
            let wrong = try await client.send(
                .post, "/sdk", body: Self.envelope("Login", this: "SessionManager", type: "SessionManager",
                    "<userName>\(TestServer.administrator)</userName><password>wrong</password>"), headers: Self.xml
            )
            #expect(wrong.status == .internalServerError)
            #expect(wrong.headers[.contentType] == "text/xml; charset=utf-8")
            #expect(wrong.text.contains("xsi:type=\"InvalidLogin\""))
            #expect(wrong.headers[.setCookie] == nil)

            let login = try await client.send(
                .post, "/sdk", body: Self.envelope("Login", this: "SessionManager", type: "SessionManager",
                    "<userName>\(TestServer.administrator)</userName><password>secret</password>"), headers: Self.xml
            )
            #expect(login.status == .ok, "\(login.text)")
            let cookie = try #require(login.headers[.setCookie])
            #expect(cookie.hasPrefix("vmware_soap_session=") && cookie.contains("HttpOnly"))
            let token = String(cookie.dropFirst("vmware_soap_session=".count).prefix { $0 != ";" })

            let rootFolder = """
                <specSet><propSet><type>Datacenter</type><pathSet>name</pathSet></propSet><objectSet><obj type="Folder">group-d1</obj>\
                <skip>true</skip><selectSet xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="TraversalSpec"><type>Folder</type>\
                <path>childEntity</path><skip>false</skip></selectSet></objectSet></specSet>
                """
            let anonymous = try await client.send(
                .post, "/sdk", body: Self.envelope("RetrieveProperties", this: "propertyCollector", type: "PropertyCollector", rootFolder), headers: Self.xml
            )
            #expect(anonymous.status == .internalServerError)
            #expect(anonymous.text.contains("xsi:type=\"NotAuthenticated\""))

            var headers = Self.xml
            headers[.cookie] = "vmware_soap_session=\"\(token)\""
            let listed = try await client.send(
                .post, "/sdk", body: Self.envelope("RetrieveProperties", this: "propertyCollector", type: "PropertyCollector", rootFolder), headers: headers
            )
            #expect(listed.status == .ok, "\(listed.text)")
            #expect(listed.text.contains("<val xsi:type=\"xsd:string\">dc1</val>"))

            // The token is an API session of the same user: the vAPI knows it too.
            let info = try await client.send(.get, "/api/session", headers: [HTTPField.Name("vmware-api-session-id")!: token])
            #expect(info.status == .ok, "\(info.text)")

            let logout = try await client.send(.post, "/sdk", body: Self.envelope("Logout", this: "SessionManager", type: "SessionManager"), headers: headers)
            #expect(logout.status == .ok)
            #expect(logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.send(.get, "/api/session", headers: [HTTPField.Name("vmware-api-session-id")!: token])
            #expect(after.status == .unauthorized)
        }
    }

    @Test func everyFailureIsAFaultNeverABare404() async throws {
        try await TestServer().run { client in
            let get = try await client.send(.get, "/sdk")
            #expect(get.status == .internalServerError)
            #expect(get.text.contains("xsi:type=\"NotSupported\""))
            let garbage = try await client.send(.post, "/sdk", body: ByteBuffer(string: "<Envelope"), headers: Self.xml)
            #expect(garbage.status == .internalServerError)
            #expect(garbage.text.contains("xsi:type=\"InvalidRequest\""))
            let unknown = try await client.send(.post, "/sdk", body: Self.envelope("PowerOnVM_Task", this: "vm-1", type: "VirtualMachine"), headers: Self.xml)
            #expect(unknown.text.contains("xsi:type=\"NotSupported\""))
            let huge = try await client.send(
                .post, "/sdk", body: ByteBuffer(string: "<a>" + String(repeating: "x", count: 5 << 20) + "</a>"), headers: Self.xml
            )
            #expect(huge.status == .internalServerError)
            #expect(huge.text.contains("xsi:type=\"InvalidRequest\""))
        }
    }
}
