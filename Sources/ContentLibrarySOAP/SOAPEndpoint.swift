//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation
package import Logging

/// The vim25 SOAP codec behind `POST /sdk`: parses one envelope, runs the method against the
/// inventory or the authentication seam, and writes the response or a fault. It holds no rule
/// of the content library; logins go through `SOAPAuthenticating` (the vAPI login's check).
///
/// Served: `ServiceInstance.RetrieveServiceContent`/`CurrentTime`; `SessionManager.Login`,
/// `Logout`, `SessionIsActive`, `TerminateSession`; `PropertyCollector.RetrieveProperties`,
/// `RetrievePropertiesEx`, `ContinueRetrievePropertiesEx`, `CancelRetrievePropertiesEx`;
/// `ViewManager.CreateContainerView` and `View.DestroyView`. Anything else is `NotSupported`.
package struct SOAPEndpoint: Sendable {
    /// What the route hands over of one HTTP request.
    package struct Request: Sendable {
        /// The body bytes (the route bounds their number).
        package var body: [UInt8]
        /// The `vmware_soap_session` cookie, if sent.
        package var sessionToken: String?
        /// The client's address.
        package var clientAddress: String?
        /// The `User-Agent` header.
        package var userAgent: String?

        /// Creates a request.
        package init(body: [UInt8], sessionToken: String? = nil, clientAddress: String? = nil, userAgent: String? = nil) {
            self.body = body
            self.sessionToken = sessionToken
            self.clientAddress = clientAddress
            self.userAgent = userAgent
        }
    }

    /// What the route sends back.
    package struct Reply: Sendable, Equatable {
        /// The SOAP envelope.
        package var body: String
        /// Whether it is a fault (HTTP 500, as SOAP 1.1 says; otherwise 200).
        package var isFault: Bool
        /// The session cookie to set after a login; `""` clears it after a logout.
        package var sessionCookie: String?
    }

    let configuration: InventoryConfiguration
    let authenticator: any SOAPAuthenticating
    let space: any DatastoreSpaceReading
    let sessions: SOAPSessionTable
    let idleTimeout: TimeInterval
    let now: @Sendable () -> Date
    let logger: Logger
    let parser = SOAPXMLParser()

    /// Creates the endpoint.
    /// - Parameters:
    ///   - configuration: the inventory's configuration.
    ///   - authenticator: logins and tokens (the vAPI `AuthService`).
    ///   - space: measures the datastores' file systems.
    ///   - sessions: the table of SOAP session extras.
    ///   - idleTimeout: seconds after which an unused session is no longer listed (the API session timeout).
    ///   - now: the clock.
    ///   - logger: where server-side failures are logged.
    package init(
        configuration: InventoryConfiguration, authenticator: any SOAPAuthenticating, space: any DatastoreSpaceReading = FileSystemSpaceReader(),
        sessions: SOAPSessionTable = SOAPSessionTable(), idleTimeout: TimeInterval = 1800, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "content-library.soap")
    ) {
        self.configuration = configuration
        self.authenticator = authenticator
        self.space = space
        self.sessions = sessions
        self.idleTimeout = idleTimeout
        self.now = now
        self.logger = logger
    }

    /// Answers one request; never throws: every failure is a SOAP fault.
    package func handle(_ request: Request) async -> Reply {
        do {
            let call = try SOAPCall(envelope: try self.parser.parse(request.body))
            return try await self.dispatch(call, request)
        } catch let fault as SOAPFault {
            return Self.fault(fault)
        } catch {
            self.logger.error("SOAP request failed", metadata: ["error": "\(error)"])
            return Self.fault(.systemError("The server failed to handle the request."))
        }
    }

    /// A fault reply.
    package static func fault(_ fault: SOAPFault) -> Reply {
        Reply(body: SOAPEnvelope.fault(fault), isFault: true, sessionCookie: nil)
    }

    /// The object each served method is called on.
    private static let methods: [String: String] = [
        "RetrieveServiceContent": "ServiceInstance", "CurrentTime": "ServiceInstance",
        "Login": "SessionManager", "Logout": "SessionManager", "SessionIsActive": "SessionManager", "TerminateSession": "SessionManager",
        "RetrieveProperties": "PropertyCollector", "RetrievePropertiesEx": "PropertyCollector",
        "ContinueRetrievePropertiesEx": "PropertyCollector", "CancelRetrievePropertiesEx": "PropertyCollector",
        "CreateContainerView": "ViewManager", "DestroyView": "View",
    ]

    private func dispatch(_ call: SOAPCall, _ request: Request) async throws -> Reply {
        guard let owner = Self.methods[call.method] else {
            throw SOAPFault.notSupported(
                "The method \(call.method) is not supported: this server's /sdk serves only what content-library clients need (docs/soap.md)."
            )
        }
        guard call.namesItsObject else {
            throw SOAPFault.invalidRequest("The method \(call.method) names no object (_this with a type attribute).")
        }
        guard ManagedObjectType.isKind(call.this.type, of: owner) else {
            throw SOAPFault.notSupported("\(call.method) is not a method of \(call.this.type).")
        }
        switch call.method {
        case "RetrieveServiceContent":
            _ = try self.inventory(session: nil, token: nil).require(call.this)
            return Self.reply(call, Inventory.serviceContent(self.configuration).xml("returnval"))
        case "Login":
            return try await self.login(call, request)
        default:
            break
        }
        guard let token = request.sessionToken, !token.isEmpty,
            let found = try await self.authenticator.liveSession(token: token)
        else {
            if let token = request.sessionToken { self.sessions.remove(token: token) }
            // As vCenter, the session manager can be read without a session, and then has no
            // `currentSession`: govmomi checks a cached cookie this way and logs in again.
            if call.method == "RetrieveProperties" || call.method == "RetrievePropertiesEx", let specs = try? Self.specs(call),
                specs.allSatisfy({ $0.objectSet.allSatisfy { $0.object == Inventory.sessionManager && $0.selectSet.isEmpty } })
            {
                let contents = try PropertyCollector(inventory: self.inventory(session: nil, token: nil)).retrieve(specs)
                return call.method == "RetrieveProperties"
                    ? Self.reply(call, contents.map { $0.xml("returnval") }.joined())
                    : Self.reply(call, contents.isEmpty ? "" : "<returnval>" + contents.map { $0.xml("objects") }.joined() + "</returnval>")
            }
            throw SOAPFault.notAuthenticated(call.this)
        }
        let session = self.sessions.touch(
            token: token, user: found.user, created: found.created, now: self.now(), address: request.clientAddress, agent: request.userAgent
        )
        let inventory = self.inventory(session: session, token: token)
        if call.method != "DestroyView" { _ = try inventory.require(call.this) }
        switch call.method {
        case "CurrentTime":
            return Self.reply(call, SOAPValue.dateTime(self.now()).xml("returnval"))
        case "Logout":
            try await self.authenticator.endSession(token: token)
            self.sessions.remove(token: token)
            return Reply(body: SOAPEnvelope.response(method: call.method, returnval: ""), isFault: false, sessionCookie: "")
        case "SessionIsActive":
            let key = try call.required("sessionID")
            let user = try call.required("userName")
            let active = user == session.userName && self.sessions.token(key: key, user: user) != nil
            return Self.reply(call, SOAPValue.boolean(active).xml("returnval"))
        case "TerminateSession":
            return try await self.terminate(call, session: session)
        case "RetrieveProperties":
            let contents = try PropertyCollector(inventory: inventory).retrieve(try Self.specs(call))
            return Self.reply(call, contents.map { $0.xml("returnval") }.joined())
        case "RetrievePropertiesEx":
            let contents = try PropertyCollector(inventory: inventory).retrieve(try Self.specs(call))
            let limit = call.element.child("options")?.childText("maxObjects").flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
            return self.page(call, contents, limit: limit, token: token)
        case "ContinueRetrievePropertiesEx":
            let page = try call.required("token")
            guard let remaining = self.sessions.takePage(token: token, page: page) else {
                throw SOAPFault.invalidArgument("token", "The continuation token \(page) is unknown or used up.")
            }
            return self.page(call, remaining, limit: 100, token: token)
        case "CancelRetrievePropertiesEx":
            _ = self.sessions.takePage(token: token, page: try call.required("token"))
            return Self.reply(call, "")
        case "CreateContainerView":
            return try self.createView(call, inventory: inventory, token: token)
        case "DestroyView":
            guard self.sessions.removeView(token: token, reference: call.this) else { throw SOAPFault.managedObjectNotFound(call.this) }
            return Self.reply(call, "")
        default:
            throw SOAPFault.notSupported("The method \(call.method) is not supported.")
        }
    }

    /// The `specSet` arguments of a property collector call.
    private static func specs(_ call: SOAPCall) throws(SOAPFault) -> [PropertyFilterSpec] {
        var specs: [PropertyFilterSpec] = []
        for element in call.element.children("specSet") { specs.append(try PropertyFilterSpec(element)) }
        return specs
    }

    private func login(_ call: SOAPCall, _ request: Request) async throws -> Reply {
        let user = try call.required("userName")
        let password = call.element.child("password")?.text ?? ""
        let token: String
        do {
            token = try await self.authenticator.logIn(user: user, password: password, address: request.clientAddress)
        } catch is SOAPLoginRefused {
            throw SOAPFault.invalidLogin
        }
        let now = self.now()
        let session = self.sessions.touch(
            token: token, user: user, created: now, now: now, address: request.clientAddress, agent: request.userAgent,
            locale: call.argument("locale").flatMap { $0.isEmpty ? nil : $0 }
        )
        return Reply(
            body: SOAPEnvelope.response(method: call.method, returnval: session.value.xml("returnval")), isFault: false, sessionCookie: token
        )
    }

    private func terminate(_ call: SOAPCall, session: SOAPUserSession) async throws -> Reply {
        let keys = call.element.children("sessionId").map(\.trimmedText)
        var tokens: [String] = []
        for key in keys {
            guard key != session.key else {
                throw SOAPFault.invalidArgument("sessionId", "A session cannot terminate itself; use Logout.")
            }
            guard let token = self.sessions.token(key: key, user: session.userName) else {
                throw SOAPFault.notFound("No session of \(session.userName) has the key \(key).")
            }
            tokens.append(token)
        }
        for token in tokens {
            try await self.authenticator.endSession(token: token)
            self.sessions.remove(token: token)
        }
        return Self.reply(call, "")
    }

    private func createView(_ call: SOAPCall, inventory: Inventory, token: String) throws(SOAPFault) -> Reply {
        guard let element = call.element.child("container"), let container = ManagedObjectReference(element) else {
            throw SOAPFault.invalidArgument("container", "CreateContainerView needs a container.")
        }
        let object = try inventory.require(container)
        guard ManagedObjectType.isKind(object.reference.type, of: "Folder") || object.reference.type == "Datacenter" else {
            throw SOAPFault.invalidArgument("container", "A container view looks into a folder or a datacenter, not \(container).")
        }
        let types = call.element.children("type").map(\.trimmedText)
        for type in types where !ManagedObjectType.isKnown(type) && !Self.emptyTypes.contains(type) {
            throw SOAPFault.invalidArgument("type", "The type \(type) is not a managed entity type.")
        }
        guard let reference = self.sessions.addView(
            token: token, container: object.reference, types: types, recursive: call.argument("recursive") == "true"
        ) else {
            throw SOAPFault.invalidRequest("The session has too many views; destroy some first.")
        }
        return Self.reply(call, reference.xml("returnval"))
    }

    /// Managed entity types this inventory never holds, which a view may still ask for (and show none of).
    private static let emptyTypes: Set<String> = [
        "VirtualMachine", "VirtualApp", "HostSystem", "ComputeResource", "ClusterComputeResource", "ResourcePool", "Network",
        "DistributedVirtualPortgroup", "DistributedVirtualSwitch", "VmwareDistributedVirtualSwitch", "OpaqueNetwork", "StoragePod",
    ]

    /// A `RetrieveResult` of at most `limit` objects; the rest is kept under a continuation token.
    private func page(_ call: SOAPCall, _ contents: [PropertyCollector.ObjectContent], limit: Int?, token: String) -> Reply {
        guard !contents.isEmpty else { return Self.reply(call, "") }
        var shown = contents
        var xml = ""
        if let limit, contents.count > limit {
            shown = Array(contents.prefix(limit))
            if let page = self.sessions.keepPage(token: token, remaining: Array(contents.dropFirst(limit))) {
                xml += "<token>\(page)</token>"
            }
        }
        xml += shown.map { $0.xml("objects") }.joined()
        return Self.reply(call, "<returnval>" + xml + "</returnval>")
    }

    private func inventory(session: SOAPUserSession?, token: String?) -> Inventory {
        let now = self.now()
        let sessions = session.map { self.sessions.sessions(of: $0.userName, now: now, idle: self.idleTimeout) } ?? []
        return Inventory(
            configuration: self.configuration, space: self.space, session: session, sessions: sessions,
            views: token.map { self.sessions.views(token: $0) } ?? [], now: now
        )
    }

    private static func reply(_ call: SOAPCall, _ returnval: String) -> Reply {
        Reply(body: SOAPEnvelope.response(method: call.method, returnval: returnval), isFault: false, sessionCookie: nil)
    }
}
