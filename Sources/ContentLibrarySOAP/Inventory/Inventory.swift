//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation

/// The managed objects `/sdk` serves, built for one request from the configuration: the service
/// objects, one datacenter with its four folders, one `Datastore` per configured datastore, and
/// the caller's container views. There are no hosts, networks or virtual machines.
package struct Inventory: Sendable {
    /// The service instance.
    package static let serviceInstance = ManagedObjectReference(type: "ServiceInstance", value: "ServiceInstance")
    /// The session manager.
    package static let sessionManager = ManagedObjectReference(type: "SessionManager", value: "SessionManager")
    /// The property collector.
    package static let propertyCollector = ManagedObjectReference(type: "PropertyCollector", value: "propertyCollector")
    /// The view manager.
    package static let viewManager = ManagedObjectReference(type: "ViewManager", value: "ViewManager")
    /// The root folder.
    package static let rootFolder = ManagedObjectReference(type: "Folder", value: "group-d1")
    /// The datacenter.
    package static let datacenter = ManagedObjectReference(type: "Datacenter", value: "datacenter-2")
    /// The datacenter's folders.
    package static let vmFolder = ManagedObjectReference(type: "Folder", value: "group-v3")
    /// The host folder.
    package static let hostFolder = ManagedObjectReference(type: "Folder", value: "group-h4")
    /// The datastore folder.
    package static let datastoreFolder = ManagedObjectReference(type: "Folder", value: "group-s5")
    /// The network folder.
    package static let networkFolder = ManagedObjectReference(type: "Folder", value: "group-n6")

    /// The objects by id.
    private var objects: [String: InventoryObject] = [:]

    /// Builds the inventory.
    /// - Parameters:
    ///   - configuration: the datacenter name, datastores and product facts.
    ///   - space: measures each datastore's file system.
    ///   - session: the caller's SOAP session, if logged in.
    ///   - sessions: the sessions `sessionList` shows (the caller's own).
    ///   - views: the caller's container views, by reference, with their specs.
    ///   - now: the clock.
    package init(
        configuration: InventoryConfiguration, space: any DatastoreSpaceReading, session: SOAPUserSession?, sessions: [SOAPUserSession],
        views: [ContainerViewSpec], now: Date
    ) {
        let datastoreIDs = configuration.datastores.keys.sorted()
        let datastores = datastoreIDs.map { ManagedObjectReference(type: "Datastore", value: $0) }
        self.add(Self.serviceInstance, [SOAPField("content", Self.serviceContent(configuration)), SOAPField("serverClock", .dateTime(now))])
        var manager = [SOAPField]()
        manager.append(SOAPField("sessionList", .array(type: "ArrayOfUserSession", itemName: "UserSession", items: sessions.map(\.value))))
        if let session { manager.append(SOAPField("currentSession", session.value)) }
        manager += [
            SOAPField("defaultLocale", .string("en")),
            SOAPField("messageLocaleList", .strings(["en"])),
            SOAPField("supportedLocaleList", .strings(["en"])),
        ]
        self.add(Self.sessionManager, manager)
        self.add(Self.propertyCollector, [])
        self.add(Self.viewManager, [SOAPField("viewList", .references(views.map(\.reference)))])
        for manager in Self.placeholderManagers { self.add(manager.reference, []) }
        self.add(Self.rootFolder, Self.entity("Datacenters", parent: nil) + Self.folder(["Folder", "Datacenter"], [Self.datacenter]))
        self.add(
            Self.datacenter,
            Self.entity(configuration.datacenterName, parent: Self.rootFolder) + [
                SOAPField("datastore", .references(datastores)),
                SOAPField("datastoreFolder", .reference(Self.datastoreFolder)),
                SOAPField("hostFolder", .reference(Self.hostFolder)),
                SOAPField("network", .references([])),
                SOAPField("networkFolder", .reference(Self.networkFolder)),
                SOAPField("vmFolder", .reference(Self.vmFolder)),
            ]
        )
        self.add(Self.vmFolder, Self.entity("vm", parent: Self.datacenter) + Self.folder(["Folder", "VirtualMachine", "VirtualApp"], []))
        self.add(Self.hostFolder, Self.entity("host", parent: Self.datacenter) + Self.folder(["Folder", "ComputeResource"], []))
        self.add(
            Self.datastoreFolder, Self.entity("datastore", parent: Self.datacenter) + Self.folder(["Folder", "Datastore", "StoragePod"], datastores)
        )
        self.add(
            Self.networkFolder,
            Self.entity("network", parent: Self.datacenter) + Self.folder(["Folder", "Network", "DistributedVirtualSwitch"], [])
        )
        for (reference, id) in zip(datastores, datastoreIDs) {
            let folder = configuration.datastores[id] ?? ""
            self.add(reference, Self.datastore(reference, folder: folder, space: space.space(of: folder), now: now))
        }
        for view in views {
            self.add(
                view.reference,
                [
                    SOAPField("view", .references(self.members(of: view))),
                    SOAPField("container", .reference(view.container)),
                    SOAPField("recursive", .boolean(view.recursive)),
                    SOAPField("type", .strings(view.types)),
                ]
            )
        }
    }

    /// The object a reference names; `nil` when there is none (its type is not compared: vim25
    /// ids are unique, and clients send `ManagedEntity`-typed references too).
    package func object(_ reference: ManagedObjectReference) -> InventoryObject? {
        self.objects[reference.value]
    }

    /// The object a reference names.
    /// - Throws: `ManagedObjectNotFound`.
    package func require(_ reference: ManagedObjectReference) throws(SOAPFault) -> InventoryObject {
        guard let object = self.objects[reference.value] else { throw SOAPFault.managedObjectNotFound(reference) }
        return object
    }

    /// Managers of the service content that govmomi dereferences when it builds its helpers
    /// (`find.NewFinder` makes a `SearchIndex`, for one). They exist, have no properties, and
    /// every method on them is `NotSupported`. In `ServiceContent` field order.
    package static let placeholderManagers: [(field: String, reference: ManagedObjectReference)] = [
        ("setting", ManagedObjectReference(type: "OptionManager", value: "VpxSettings")),
        ("userDirectory", ManagedObjectReference(type: "UserDirectory", value: "UserDirectory")),
        ("authorizationManager", ManagedObjectReference(type: "AuthorizationManager", value: "AuthorizationManager")),
        ("taskManager", ManagedObjectReference(type: "TaskManager", value: "TaskManager")),
        ("eventManager", ManagedObjectReference(type: "EventManager", value: "EventManager")),
        ("customFieldsManager", ManagedObjectReference(type: "CustomFieldsManager", value: "CustomFieldsManager")),
        ("licenseManager", ManagedObjectReference(type: "LicenseManager", value: "LicenseManager")),
        ("searchIndex", ManagedObjectReference(type: "SearchIndex", value: "SearchIndex")),
        ("fileManager", ManagedObjectReference(type: "FileManager", value: "FileManager")),
        ("virtualDiskManager", ManagedObjectReference(type: "VirtualDiskManager", value: "virtualDiskManager")),
        ("ovfManager", ManagedObjectReference(type: "OvfManager", value: "OvfManager")),
    ]

    /// The `ServiceContent` of `RetrieveServiceContent`.
    package static func serviceContent(_ configuration: InventoryConfiguration) -> SOAPValue {
        let managers = Dictionary(uniqueKeysWithValues: Self.placeholderManagers.map { ($0.field, $0.reference) })
        var fields = [
            SOAPField("rootFolder", .reference(Self.rootFolder)),
            SOAPField("propertyCollector", .reference(Self.propertyCollector)),
            SOAPField("viewManager", .reference(Self.viewManager)),
            SOAPField("about", Self.about(configuration)),
        ]
        for name in ["setting", "userDirectory"] { fields.append(SOAPField(name, .reference(managers[name]!))) }
        fields.append(SOAPField("sessionManager", .reference(Self.sessionManager)))
        for (name, reference) in Self.placeholderManagers where name != "setting" && name != "userDirectory" {
            fields.append(SOAPField(name, .reference(reference)))
        }
        return .object(type: "ServiceContent", fields: fields)
    }

    /// The `AboutInfo`: this product, as a vCenter-type endpoint.
    static func about(_ configuration: InventoryConfiguration) -> SOAPValue {
        .object(
            type: "AboutInfo",
            fields: [
                SOAPField("name", .string(ContentLibraryProduct.name)),
                SOAPField("fullName", .string("\(ContentLibraryProduct.name) \(configuration.productVersion)")),
                SOAPField("vendor", .string("The ContentLibrary project")),
                SOAPField("version", .string(configuration.productVersion)),
                SOAPField("build", .string("0")),
                SOAPField("localeVersion", .string("INTL")),
                SOAPField("localeBuild", .string("000")),
                SOAPField("osType", .string("linux-x64")),
                SOAPField("productLineId", .string("content-library")),
                SOAPField("apiType", .string("VirtualCenter")),
                SOAPField("apiVersion", .string(ContentLibraryProduct.apiVersion)),
                SOAPField("instanceUuid", .string(configuration.instanceUUID)),
            ]
        )
    }

    /// The objects a container view shows: the container's children (or all descendants when
    /// recursive) whose type is one of the view's types (any type when it names none).
    private func members(of view: ContainerViewSpec) -> [ManagedObjectReference] {
        var found: [ManagedObjectReference] = []
        var queue = self.children(of: view.container)
        var seen = Set<String>()
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard seen.insert(next.value).inserted else { continue }
            if view.types.isEmpty || view.types.contains(where: { ManagedObjectType.isKind(next.type, of: $0) }) { found.append(next) }
            if view.recursive { queue += self.children(of: next) }
        }
        return found
    }

    /// A folder's child entities, or a datacenter's four folders.
    private func children(of reference: ManagedObjectReference) -> [ManagedObjectReference] {
        guard let object = self.objects[reference.value] else { return [] }
        switch object.reference.type {
        case "Folder":
            return object.properties.first { $0.name == "childEntity" }?.value.references ?? []
        case "Datacenter":
            return [Self.vmFolder, Self.hostFolder, Self.datastoreFolder, Self.networkFolder]
        default:
            return []
        }
    }

    private mutating func add(_ reference: ManagedObjectReference, _ properties: [SOAPField]) {
        self.objects[reference.value] = InventoryObject(reference, properties)
    }

    private static func entity(_ name: String, parent: ManagedObjectReference?) -> [SOAPField] {
        var fields = [SOAPField("name", .string(name))]
        if let parent { fields.append(SOAPField("parent", .reference(parent))) }
        fields.append(SOAPField("overallStatus", .simple(type: "ManagedEntityStatus", text: "green")))
        return fields
    }

    private static func folder(_ childTypes: [String], _ children: [ManagedObjectReference]) -> [SOAPField] {
        [SOAPField("childEntity", .references(children)), SOAPField("childType", .strings(childTypes))]
    }

    /// A datastore: its `summary` and `info` from the folder and its file system.
    private static func datastore(_ reference: ManagedObjectReference, folder: String, space: DatastoreSpace?, now: Date) -> [SOAPField] {
        let url = "ds://" + (folder.hasPrefix("/") ? folder : "/" + folder) + (folder.hasSuffix("/") ? "" : "/")
        let capacity = space?.capacity ?? 0
        let free = space?.free ?? 0
        let summary = SOAPValue.object(
            type: "DatastoreSummary",
            fields: [
                SOAPField("datastore", .reference(reference)),
                SOAPField("name", .string(reference.value)),
                SOAPField("url", .string(url)),
                SOAPField("capacity", .long(capacity)),
                SOAPField("freeSpace", .long(free)),
                SOAPField("accessible", .boolean(space != nil)),
                SOAPField("multipleHostAccess", .boolean(false)),
                SOAPField("type", .string("OTHER")),
                SOAPField("maintenanceMode", .string("normal")),
            ]
        )
        let info = SOAPValue.object(
            type: "LocalDatastoreInfo",
            fields: [
                SOAPField("name", .string(reference.value)),
                SOAPField("url", .string(url)),
                SOAPField("freeSpace", .long(free)),
                SOAPField("maxFileSize", .long(free)),
                SOAPField("maxMemoryFileSize", .long(free)),
                SOAPField("timestamp", .dateTime(now)),
                SOAPField("path", .string(folder)),
            ]
        )
        return Self.entity(reference.value, parent: Self.datastoreFolder) + [
            SOAPField("summary", summary),
            SOAPField("info", info),
            SOAPField("host", .array(type: "ArrayOfDatastoreHostMount", itemName: "DatastoreHostMount", items: [])),
            SOAPField("vm", .references([])),
        ]
    }
}
