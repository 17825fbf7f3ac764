//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The slice of the vim25 type hierarchy this endpoint serves: each type's parent and the names
/// of the properties the vim25 schema gives it (whether or not this server has a value for them).
///
/// Property specs and traversal specs name a type and apply to its subtypes too (`ManagedEntity`
/// covers folders, datacenters and datastores), and a property a type does not have is
/// `InvalidProperty`; a property it has but this server leaves unset is simply not returned.
package enum ManagedObjectType {
    /// Each known type's parent type.
    private static let parents: [String: String] = [
        "ExtensibleManagedObject": "ManagedObject",
        "ManagedEntity": "ExtensibleManagedObject",
        "Folder": "ManagedEntity",
        "Datacenter": "ManagedEntity",
        "Datastore": "ManagedEntity",
        "View": "ManagedObject",
        "ManagedObjectView": "View",
        "ContainerView": "ManagedObjectView",
        "ServiceInstance": "ManagedObject",
        "SessionManager": "ManagedObject",
        "PropertyCollector": "ManagedObject",
        "ViewManager": "ManagedObject",
        "OptionManager": "ManagedObject", "UserDirectory": "ManagedObject", "AuthorizationManager": "ManagedObject",
        "TaskManager": "ManagedObject", "EventManager": "ManagedObject", "CustomFieldsManager": "ManagedObject",
        "LicenseManager": "ManagedObject", "SearchIndex": "ManagedObject", "FileManager": "ManagedObject",
        "VirtualDiskManager": "ManagedObject", "OvfManager": "ManagedObject",
    ]

    /// The properties each type declares itself (inherited ones are found through `parents`).
    private static let declared: [String: Set<String>] = [
        "ManagedObject": [],
        "ExtensibleManagedObject": ["availableField", "value"],
        "ManagedEntity": [
            "alarmActionsEnabled", "configIssue", "configStatus", "customValue", "declaredAlarmState", "disabledMethod",
            "effectiveRole", "name", "overallStatus", "parent", "permission", "recentTask", "tag", "triggeredAlarmState",
        ],
        "Folder": ["childEntity", "childType", "namespace"],
        "Datacenter": ["configuration", "datastore", "datastoreFolder", "hostFolder", "network", "networkFolder", "vmFolder"],
        "Datastore": ["browser", "capability", "host", "info", "iormConfiguration", "summary", "vm"],
        "View": [],
        "ManagedObjectView": ["view"],
        "ContainerView": ["container", "recursive", "type"],
        "ServiceInstance": ["capability", "content", "serverClock"],
        "SessionManager": ["currentSession", "defaultLocale", "message", "messageLocaleList", "sessionList", "supportedLocaleList"],
        "PropertyCollector": ["filter"],
        "ViewManager": ["viewList"],
        "OptionManager": [], "UserDirectory": [], "AuthorizationManager": [], "TaskManager": [], "EventManager": [],
        "CustomFieldsManager": [], "LicenseManager": [], "SearchIndex": [], "FileManager": [], "VirtualDiskManager": [],
        "OvfManager": [],
    ]

    /// Whether `type` is `ancestor` or one of its subtypes.
    package static func isKind(_ type: String, of ancestor: String) -> Bool {
        var current: String? = type
        while let name = current {
            if name == ancestor { return true }
            current = Self.parents[name]
        }
        return false
    }

    /// Whether `type` (or a type it inherits from) declares the property `name`.
    package static func has(_ type: String, property name: String) -> Bool {
        var current: String? = type
        while let typeName = current {
            if Self.declared[typeName]?.contains(name) == true { return true }
            current = Self.parents[typeName]
        }
        return false
    }

    /// Whether `type` is a type of the vim25 schema this endpoint knows.
    package static func isKnown(_ type: String) -> Bool {
        Self.declared[type] != nil
    }
}
