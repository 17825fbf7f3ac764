//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The CIM classes whose properties OVF writes as elements (`rasd:`, `vssd:`, `sasd:`, `epasd:`),
/// and the properties each defines in any CIM schema version OVF uses, so that an element in a
/// CIM namespace is known only when it names a real property (OVF-SEC-003).
///
/// The namespace of such an element names its class: the last path segment of
/// `http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/<class>`, with or without the `.xsd`
/// suffix VirtualBox-era exports write. The property sets are the union of the DSP8023 1.0.0 and
/// 2.0.1 class schemas (which follow CIM 2.x, the later one adding `VirtualQuantityUnits`,
/// `ComponentSetting`, `SoID` and `SoOrgID`), plus two spellings that deployed packages carry and
/// ovftool reads: `InstanceId` (OVF 0.9 and many 1.x exporters; OVF-VHS-005 says more) and the
/// RASD `BusNumber` of OVF 0.9-era VMware exports.
enum CIMSchema {
    /// CIM_ManagedElement and CIM_SettingData, which every setting-data class inherits.
    static let settingData: Set<String> = [
        "InstanceID", "Caption", "Description", "ElementName", "Generation",
        "ConfigurationName", "ChangeableType", "ComponentSetting", "SoID", "SoOrgID",
        // The casing 0.9 and many exporters write; OVF-VHS-005 reports it where it is not native.
        "InstanceId",
    ]

    /// CIM_ResourceAllocationSettingData.
    static let resourceAllocation: Set<String> = settingData.union([
        "ResourceType", "OtherResourceType", "ResourceSubType", "PoolID", "ConsumerVisibility", "HostResource",
        "AllocationUnits", "VirtualQuantity", "VirtualQuantityUnits", "Reservation", "Limit", "Weight",
        "AutomaticAllocation", "AutomaticDeallocation", "Parent", "Connection", "Address", "MappingBehavior", "AddressOnParent",
        // OVF 0.9-era VMware exports (ESX 3.5, Workstation 6) write it on controllers; ovftool reads them.
        "BusNumber",
    ])

    /// CIM_StorageAllocationSettingData (a ResourceAllocationSettingData).
    static let storageAllocation: Set<String> = resourceAllocation.union([
        "VirtualResourceBlockSize", "Access", "HostResourceBlockSize", "HostExtentStartingAddress", "HostExtentName",
        "HostExtentNameFormat", "OtherHostExtentNameFormat", "HostExtentNameNamespace", "OtherHostExtentNameNamespace",
    ])

    /// CIM_EthernetPortAllocationSettingData (a ResourceAllocationSettingData).
    static let ethernetPortAllocation: Set<String> = resourceAllocation.union([
        "DesiredVLANEndpointMode", "OtherEndpointMode", "AllowedPriorities", "AllowedToReceiveMACAddresses", "AllowedToReceiveVLANs",
        "AllowedToTransmitMACAddresses", "AllowedToTransmitVLANs", "DefaultPortVID", "DefaultPriority", "GroupID", "ManagerID",
        "NetworkPortProfileID", "NetworkPortProfileIDType", "OtherNetworkPortProfileIDTypeInfo", "PortCorrelationID", "PortVID",
        "Promiscuous", "ReceiveBandwidthLimit", "ReceiveBandwidthReservation", "SourceMACFilteringEnabled", "VSITypeID", "VSITypeIDVersion",
    ])

    /// CIM_VirtualSystemSettingData.
    static let virtualSystem: Set<String> = settingData.union([
        "VirtualSystemIdentifier", "VirtualSystemType", "Notes", "CreationTime", "ConfigurationID", "ConfigurationDataRoot",
        "ConfigurationFile", "SnapshotDataRoot", "SuspendDataRoot", "SwapFileDataRoot", "LogDataRoot", "AutomaticStartupAction",
        "AutomaticStartupActionDelay", "AutomaticStartupActionSequenceNumber", "AutomaticShutdownAction", "AutomaticRecoveryAction",
        "RecoveryFile",
    ])

    /// The properties of each class, by class name.
    static let classes: [String: Set<String>] = [
        "CIM_ResourceAllocationSettingData": resourceAllocation,
        "CIM_StorageAllocationSettingData": storageAllocation,
        "CIM_EthernetPortAllocationSettingData": ethernetPortAllocation,
        "CIM_VirtualSystemSettingData": virtualSystem,
    ]

    /// The class a CIM class namespace names (`CIM_ResourceAllocationSettingData`), or `nil` for a
    /// namespace that is not a CIM class schema.
    static func className(ofNamespace namespace: String?) -> String? {
        guard let namespace, OVFNamespace.isCIM(namespace) else { return nil }
        var name = Substring(namespace.dropFirst(OVFNamespace.cimSchemaPrefix.count))
        if name.hasSuffix(".xsd") { name = name.dropLast(4) }
        return String(name)
    }

    /// Whether an element names a property of the CIM class its namespace stands for. Elements
    /// outside the CIM class namespaces, and in classes OVF does not use, are not properties.
    static func isProperty(_ element: XMLElement) -> Bool {
        var lookup = Lookup()
        return lookup.isProperty(element)
    }

    /// `isProperty` for many elements in a row: the class of the last namespace seen is kept, so
    /// the siblings of an item, which share their namespace (and its string storage, as the
    /// parser makes each namespace string once), cost one set lookup each.
    struct Lookup {
        /// The last namespace looked up, and the properties of its class (`nil`: not a CIM class OVF uses).
        private var last: (namespace: String?, properties: Set<String>?)?

        /// Creates an empty lookup.
        init() {}

        /// Whether an element names a property of the CIM class its namespace stands for.
        mutating func isProperty(_ element: XMLElement) -> Bool {
            let properties: Set<String>?
            if let last = self.last, last.namespace == element.namespace {
                properties = last.properties
            } else {
                properties = CIMSchema.className(ofNamespace: element.namespace).flatMap { CIMSchema.classes[$0] }
                self.last = (element.namespace, properties)
            }
            return properties?.contains(element.localName) ?? false
        }
    }
}
