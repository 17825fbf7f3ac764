//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import Synchronization
import Testing

@testable import ContentLibrarySOAP

/// The SOAP codec on the request envelopes govc 0.24.2 sends (captured with `govc -debug`, in
/// `Envelopes/`), with an authenticator and a datastore measure in memory.
@Suite struct SOAPEndpointTests {
    /// One user, `administrator@vsphere.local` / `secret`; tokens in memory.
    final class MemoryAuthenticator: SOAPAuthenticating {
        let tokens = Mutex<[String: String]>([:])

        func logIn(user: String, password: String, address: String?) async throws -> String {
            guard user == "administrator@vsphere.local" || user == "user", password == "secret" else { throw SOAPLoginRefused() }
            let token = UUID().uuidString
            self.tokens.withLock { $0[token] = user }
            return token
        }

        func liveSession(token: String) async throws -> (user: String, created: Date)? {
            self.tokens.withLock { $0[token] }.map { ($0, Date(timeIntervalSince1970: 1_800_000_000)) }
        }

        func endSession(token: String) async throws {
            _ = self.tokens.withLock { $0.removeValue(forKey: token) }
        }
    }

    struct FixedSpace: DatastoreSpaceReading {
        func space(of folder: String) -> DatastoreSpace? { DatastoreSpace(capacity: 1000, free: 400) }
    }

    let authenticator = MemoryAuthenticator()
    let endpoint: SOAPEndpoint

    init() {
        self.endpoint = SOAPEndpoint(
            configuration: InventoryConfiguration(
                datacenterName: "dc1", datastores: ["datastore-1": "/srv/ds1"], instanceUUID: "0f6c0c1e-5b3a-4d1e-9d6e-2a2f5e8d9c01"
            ),
            authenticator: self.authenticator, space: FixedSpace()
        )
    }

    static func envelope(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "xml", subdirectory: "Envelopes"))
        return Array(try Data(contentsOf: url))
    }

    static func call(_ method: String, this: String, type: String, _ arguments: String = "") -> [UInt8] {
        Array(
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body>"
                + "<\(method) xmlns=\"urn:vim25\"><_this type=\"\(type)\">\(this)</_this>\(arguments)</\(method)></Body></Envelope>").utf8
        )
    }

    func login() async throws -> String {
        let reply = await self.endpoint.handle(SOAPEndpoint.Request(body: try Self.envelope("Login"), clientAddress: "127.0.0.1", userAgent: "govc/0.24.0"))
        #expect(!reply.isFault, "\(reply.body)")
        return try #require(reply.sessionCookie)
    }

    func send(_ body: [UInt8], token: String?) async -> SOAPEndpoint.Reply {
        await self.endpoint.handle(SOAPEndpoint.Request(body: body, sessionToken: token, clientAddress: "127.0.0.1", userAgent: "govc/0.24.0"))
    }

    @Test func serviceContentNeedsNoLoginAndNamesTheServer() async throws {
        let reply = await self.send(try Self.envelope("RetrieveServiceContent"), token: nil)
        #expect(!reply.isFault)
        #expect(reply.body.contains("<rootFolder type=\"Folder\">group-d1</rootFolder>"))
        #expect(reply.body.contains("<propertyCollector type=\"PropertyCollector\">propertyCollector</propertyCollector>"))
        #expect(reply.body.contains("<apiType>VirtualCenter</apiType>"))
        #expect(reply.body.contains("<instanceUuid>0f6c0c1e-5b3a-4d1e-9d6e-2a2f5e8d9c01</instanceUuid>"))
        #expect(reply.body.contains("<name>ContentLibrary</name>"))
    }

    @Test func loginSetsACookieAndCurrentSessionIsReadable() async throws {
        let token = try await self.login()
        let reply = await self.send(try Self.envelope("CurrentSession"), token: token)
        #expect(!reply.isFault)
        #expect(reply.body.contains("<name>currentSession</name><val xsi:type=\"UserSession\">"))
        #expect(reply.body.contains("<userName>user</userName>"))
        #expect(!reply.body.contains(token))
    }

    @Test func wrongPasswordIsInvalidLogin() async throws {
        let body = Self.call("Login", this: "SessionManager", type: "SessionManager", "<userName>user</userName><password>nope</password>")
        let reply = await self.send(body, token: nil)
        #expect(reply.isFault)
        #expect(reply.sessionCookie == nil)
        #expect(reply.body.contains("xsi:type=\"InvalidLogin\""))
    }

    @Test func withoutASessionEveryOtherMethodIsNotAuthenticated() async throws {
        for body in [try Self.envelope("SessionManagerAll").replacingSessionManagerWithRoot, try Self.envelope("FolderChildren")] {
            let reply = await self.send(body, token: nil)
            #expect(reply.isFault)
            #expect(reply.body.contains("<NotAuthenticatedFault xmlns=\"urn:vim25\" xsi:type=\"NotAuthenticated\">"))
            #expect(reply.body.contains("<faultcode>ServerFaultCode</faultcode>"))
        }
        let stale = await self.send(try Self.envelope("DatastoreInfo"), token: "not-a-token")
        #expect(stale.body.contains("xsi:type=\"NotAuthenticated\""))
    }

    @Test func withoutASessionTheSessionManagerShowsNoCurrentSession() async throws {
        // govmomi checks a cached cookie this way; vCenter answers without a fault.
        let reply = await self.send(try Self.envelope("CurrentSession"), token: "expired-token")
        #expect(!reply.isFault, "\(reply.body)")
        #expect(reply.body.contains("<obj type=\"SessionManager\">SessionManager</obj>"))
        #expect(!reply.body.contains("currentSession"))
        let spec = "<specSet><propSet><type>SessionManager</type><pathSet>currentSession</pathSet></propSet><objectSet><obj type=\"SessionManager\">SessionManager</obj></objectSet></specSet><options/>"
        let ex = await self.send(Self.call("RetrievePropertiesEx", this: "propertyCollector", type: "PropertyCollector", spec), token: nil)
        #expect(!ex.isFault, "\(ex.body)")
        #expect(ex.body.contains("<returnval><objects><obj type=\"SessionManager\">SessionManager</obj>"))
    }

    @Test func theServiceContentNamesTheManagersGovmomiDereferences() async throws {
        let reply = await self.send(try Self.envelope("RetrieveServiceContent"), token: nil)
        #expect(reply.body.contains("<searchIndex type=\"SearchIndex\">SearchIndex</searchIndex>"))
        let token = try await self.login()
        let call = await self.send(Self.call("FindByInventoryPath", this: "SearchIndex", type: "SearchIndex", "<inventoryPath>/dc1</inventoryPath>"), token: token)
        #expect(call.body.contains("xsi:type=\"NotSupported\""))
    }

    @Test func anUnknownMethodIsNotSupported() async throws {
        let token = try await self.login()
        let reply = await self.send(Self.call("PowerOnVM_Task", this: "vm-1", type: "VirtualMachine"), token: token)
        #expect(reply.isFault)
        #expect(reply.body.contains("xsi:type=\"NotSupported\""))
        // govc's datastore.ls asks a browser this inventory does not have: still NotSupported.
        let browse = await self.send(Self.call("SearchDatastore_Task", this: "", type: "", "<datastorePath>[datastore-1]</datastorePath>"), token: token)
        #expect(browse.body.contains("xsi:type=\"NotSupported\""))
        let nameless = await self.send(Self.call("Logout", this: "", type: ""), token: token)
        #expect(nameless.body.contains("xsi:type=\"InvalidRequest\""))
    }

    @Test func badXMLIsAFaultNeverACrash() async throws {
        let inputs: [[UInt8]] = [
            [], Array("not xml".utf8), Array("<Envelope".utf8), Array("<a/>".utf8),
            Array("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".utf8),
            Array("<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><Login xmlns=\"urn:vim25\"/></Body></Envelope>".utf8),
            Array(String(repeating: "<a>", count: 5000).utf8),
            [0xFF, 0xFE, 0x00, 0x3C],
        ]
        for input in inputs {
            let reply = await self.send(input, token: nil)
            #expect(reply.isFault)
            #expect(reply.body.contains("xsi:type=\"InvalidRequest\""))
            #expect(!reply.body.contains("root:"))
        }
    }

    /// Every prefix of each captured envelope, and seeded random byte changes to it, is answered
    /// (a fault or a result), never a crash: a cheap, deterministic cousin of a fuzz run.
    @Test func truncatedAndMutatedEnvelopesAreAnswered() async throws {
        let token = try await self.login()
        var generator = SeededGenerator(seed: 15)
        for name in ["Login", "FolderChildren", "TraverseParent", "DatastoreInfo", "SessionManagerAll"] {
            let envelope = try Self.envelope(name)
            for length in stride(from: 0, to: envelope.count, by: 11) {
                let reply = await self.send(Array(envelope.prefix(length)), token: token)
                #expect(reply.isFault, "a prefix of \(length) bytes of \(name) was accepted")
            }
            for _ in 0..<200 {
                var mutated = envelope
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                let reply = await self.send(mutated, token: token)
                #expect(reply.body.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
            }
        }
    }

    @Test func theRootFolderListsTheDatacenter() async throws {
        let token = try await self.login()
        let reply = await self.send(try Self.envelope("FolderChildren"), token: token)
        #expect(!reply.isFault, "\(reply.body)")
        #expect(reply.body.contains("<returnval><obj type=\"Datacenter\">datacenter-2</obj><propSet><name>name</name><val xsi:type=\"xsd:string\">dc1</val></propSet></returnval>"))
        #expect(!reply.body.contains("group-d1</obj>"))
    }

    @Test func theDatacenterHasFourFolders() async throws {
        let token = try await self.login()
        let body = Array(String(decoding: try Self.envelope("DatacenterFolders"), as: UTF8.self).utf8)
        let reply = await self.send(body, token: token)
        #expect(!reply.isFault, "\(reply.body)")
        for (id, name) in [("group-v3", "vm"), ("group-h4", "host"), ("group-s5", "datastore"), ("group-n6", "network")] {
            #expect(reply.body.contains("<obj type=\"Folder\">\(id)</obj><propSet><name>name</name><val xsi:type=\"xsd:string\">\(name)</val>"))
        }
        #expect(reply.body.contains("<name>childType</name><val xsi:type=\"ArrayOfString\"><string>Folder</string><string>Datastore</string>"))
    }

    @Test func traverseParentClimbsToTheRoot() async throws {
        let token = try await self.login()
        let reply = await self.send(try Self.envelope("TraverseParent"), token: token)
        #expect(!reply.isFault, "\(reply.body)")
        for id in ["datastore-1", "group-s5", "datacenter-2", "group-d1"] { #expect(reply.body.contains(">\(id)</obj>")) }
        #expect(reply.body.contains("<name>parent</name><val xsi:type=\"ManagedObjectReference\" type=\"Folder\">group-s5</val>"))
    }

    @Test func aDatastoreHasARealSummaryAndInfo() async throws {
        let token = try await self.login()
        let reply = await self.send(try Self.envelope("DatastoreInfo"), token: token)
        #expect(!reply.isFault, "\(reply.body)")
        #expect(reply.body.contains("<val xsi:type=\"DatastoreSummary\"><datastore type=\"Datastore\">datastore-1</datastore><name>datastore-1</name><url>ds:///srv/ds1/</url><capacity>1000</capacity><freeSpace>400</freeSpace>"))
        #expect(reply.body.contains("<val xsi:type=\"LocalDatastoreInfo\"><name>datastore-1</name>"))
        #expect(reply.body.contains("<path>/srv/ds1</path>"))
    }

    @Test func anUnknownObjectIsManagedObjectNotFound() async throws {
        let token = try await self.login()
        let text = String(decoding: try Self.envelope("DatastoreInfo"), as: UTF8.self).replacingOccurrences(of: ">datastore-1<", with: ">datastore-9<")
        let reply = await self.send(Array(text.utf8), token: token)
        #expect(reply.isFault)
        #expect(reply.body.contains("xsi:type=\"ManagedObjectNotFound\"><obj type=\"Datastore\">datastore-9</obj>"))
    }

    @Test func anUnknownPropertyIsInvalidProperty() async throws {
        let token = try await self.login()
        let text = String(decoding: try Self.envelope("DatastoreInfo"), as: UTF8.self).replacingOccurrences(of: "<pathSet>info</pathSet>", with: "<pathSet>colour</pathSet>")
        let reply = await self.send(Array(text.utf8), token: token)
        #expect(reply.isFault)
        #expect(reply.body.contains("xsi:type=\"InvalidProperty\"><name>colour</name>"))
    }

    @Test func sessionListShowsTheUsersSessionsAndTerminateEndsOne() async throws {
        let first = try await self.login()
        let second = try await self.login()
        let reply = await self.send(try Self.envelope("SessionManagerAll"), token: first)
        #expect(!reply.isFault, "\(reply.body)")
        #expect(reply.body.contains("<name>sessionList</name><val xsi:type=\"ArrayOfUserSession\"><UserSession>"))
        let current = await self.send(try Self.envelope("CurrentSession"), token: second)
        let key = try #require(current.body.firstMatch(of: /<key>([^<]+)<\/key>/)?.1).description
        let terminated = await self.send(
            Self.call("TerminateSession", this: "SessionManager", type: "SessionManager", "<sessionId>\(key)</sessionId>"), token: first
        )
        #expect(!terminated.isFault, "\(terminated.body)")
        let after = await self.send(try Self.envelope("DatastoreInfo"), token: second)
        #expect(after.body.contains("xsi:type=\"NotAuthenticated\""))
        let unknown = await self.send(
            Self.call("TerminateSession", this: "SessionManager", type: "SessionManager", "<sessionId>nope</sessionId>"), token: first
        )
        #expect(unknown.body.contains("xsi:type=\"NotFound\""))
    }

    @Test func logoutEndsTheSessionAndClearsTheCookie() async throws {
        let token = try await self.login()
        let reply = await self.send(Self.call("Logout", this: "SessionManager", type: "SessionManager"), token: token)
        #expect(!reply.isFault)
        #expect(reply.sessionCookie == "")
        let after = await self.send(try Self.envelope("DatastoreInfo"), token: token)
        #expect(after.body.contains("xsi:type=\"NotAuthenticated\""))
    }

    @Test func containerViewsPagesAndContinuation() async throws {
        let token = try await self.login()
        let created = await self.send(
            Self.call(
                "CreateContainerView", this: "ViewManager", type: "ViewManager",
                "<container type=\"Folder\">group-d1</container><type>Folder</type><recursive>true</recursive>"
            ),
            token: token
        )
        #expect(!created.isFault, "\(created.body)")
        let view = try #require(created.body.firstMatch(of: /<returnval type="ContainerView">([^<]+)<\/returnval>/)?.1).description
        let spec =
            "<specSet><propSet><type>Folder</type><pathSet>name</pathSet></propSet><objectSet><obj type=\"ContainerView\">\(view)</obj><skip>true</skip>"
            + "<selectSet xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"TraversalSpec\"><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet>"
        let first = await self.send(
            Self.call("RetrievePropertiesEx", this: "propertyCollector", type: "PropertyCollector", spec + "<options><maxObjects>3</maxObjects></options>"),
            token: token
        )
        #expect(!first.isFault, "\(first.body)")
        #expect(first.body.components(separatedBy: "<objects>").count == 4)
        let page = try #require(first.body.firstMatch(of: /<token>([^<]+)<\/token>/)?.1).description
        let rest = await self.send(
            Self.call("ContinueRetrievePropertiesEx", this: "propertyCollector", type: "PropertyCollector", "<token>\(page)</token>"), token: token
        )
        #expect(!rest.isFault, "\(rest.body)")
        #expect(rest.body.components(separatedBy: "<objects>").count == 2)
        let again = await self.send(
            Self.call("ContinueRetrievePropertiesEx", this: "propertyCollector", type: "PropertyCollector", "<token>\(page)</token>"), token: token
        )
        #expect(again.body.contains("xsi:type=\"InvalidArgument\""))
        let destroyed = await self.send(Self.call("DestroyView", this: view, type: "ContainerView"), token: token)
        #expect(!destroyed.isFault, "\(destroyed.body)")
    }
}

extension [UInt8] {
    /// The envelope with its object spec pointed at the root folder instead of the session manager.
    fileprivate var replacingSessionManagerWithRoot: [UInt8] {
        Array(String(decoding: self, as: UTF8.self).replacingOccurrences(of: "<obj type=\"SessionManager\">SessionManager</obj>", with: "<obj type=\"Folder\">group-d1</obj>").utf8)
    }
}

/// A small deterministic generator (SplitMix64), so a failing mutation can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { self.state = seed }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
