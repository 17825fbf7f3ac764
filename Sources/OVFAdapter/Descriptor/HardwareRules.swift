//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The VirtualHardwareSection rules: OVF-VHS-001..013.
enum HardwareRules: DescriptorRuleSet {
    /// CIM ResourceType values of controllers, which may be an Item's Parent (OVF-VHS-008).
    static let controllerTypes: Set<Int> = [5, 6, 7, 8, 9, 20, 23]
    /// VirtualSystemType families that some known platform deploys (OVF-VHS-002).
    static let knownSystemTypePrefixes = ["vmx-", "virtualbox-", "xen-", "hvm-", "kvm-", "qemu-", "hyperv-", "hyper-v", "vmware-"]

    /// The diskId a disk HostResource names, and whether it uses a legacy form
    /// (`/disk/` or `ovf://disk/`, accepted with a warning); `nil` when it names no disk.
    static func diskID(inHostResource text: String) -> (id: String, legacy: Bool)? {
        if text.hasPrefix("ovf:/disk/") { return (String(text.dropFirst("ovf:/disk/".count)), false) }
        if text.hasPrefix("ovf://disk/") { return (String(text.dropFirst("ovf://disk/".count)), true) }
        if text.hasPrefix("/disk/") { return (String(text.dropFirst("/disk/".count)), true) }
        return nil
    }

    /// The prefixes of a file HostResource (`ovf:/file/<id>` and the legacy forms), in the order tried.
    static let fileReferencePrefixes = ["ovf:/file/", "ovf://file/", "/file/"]

    /// The File id a file HostResource names (`ovf:/file/<id>`), if any.
    static func fileID(inHostResource text: String) -> String? {
        for prefix in self.fileReferencePrefixes where text.hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count))
        }
        return nil
    }

    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        let diskIDs = Set(descriptor.disks.compactMap { descriptor.attribute("diskId", of: $0) })
        let fileIDs = descriptor.fileIDs
        let configurations = descriptor.configurationIDs
        for (index, system) in descriptor.allContents.enumerated() where descriptor.kind(of: system) == "VirtualSystem" {
            let systemID = descriptor.attribute("id", of: system) ?? ""
            let hardware = descriptor.contentHardware[index]
            let sections = hardware.map(\.element)
            // OVF-VHS-001
            if sections.isEmpty {
                findings.append(descriptor.error("OVF-VHS-001", at: system, "VirtualSystem '\(systemID)' has no VirtualHardwareSection."))
            }
            // OVF-VHS-002
            if sections.count > 1 {
                var ids: Set<String> = []
                for section in sections {
                    let id = descriptor.attribute("id", of: section) ?? ""
                    if !ids.insert(id).inserted {
                        findings.append(descriptor.warning("OVF-VHS-002", .ovfCompatibility, at: section, "VirtualSystem '\(systemID)' has several VirtualHardwareSections with the same ovf:id '\(id)'."))
                    }
                }
            }
            var anyKnownType = false
            var anyType = false
            for section in hardware {
                let types = self.systemTypes(of: section.element)
                anyType = anyType || !types.isEmpty
                if types.contains(where: { type in
                    let lower = type.lowercased()
                    return self.knownSystemTypePrefixes.contains { lower.hasPrefix($0) }
                }) { anyKnownType = true }
                findings += self.sectionFindings(section, descriptor: descriptor, diskIDs: diskIDs, fileIDs: fileIDs, configurations: configurations)
            }
            if anyType && !anyKnownType {
                findings.append(descriptor.warning("OVF-VHS-002", .ovfCompatibility, at: sections.first, "VirtualSystem '\(systemID)' declares no VirtualSystemType this server recognises (vmx-*, virtualbox-*, xen-*, hvm-*, …)."))
            }
        }
        // OVF-VHS-012 for Properties (Items are checked per section).
        for property in descriptor.properties {
            let owners = [property] + property.children.filter { descriptor.kind(of: $0) == "Value" }
            for owner in owners {
                for configuration in self.configurationList(owner, descriptor) where !configurations.contains(configuration) {
                    findings.append(descriptor.error("OVF-VHS-012", at: owner, "Property '\(descriptor.attribute("key", of: property) ?? "")' names deployment configuration '\(configuration)', which DeploymentOptionSection does not declare."))
                }
            }
        }
        return findings
    }

    /// The space-separated `ovf:configuration` list of an element.
    static func configurationList(_ element: XMLElement, _ descriptor: Descriptor) -> [String] {
        (descriptor.attribute("configuration", of: element) ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    /// The VirtualSystemType values of a section's System (space separated lists split).
    static func systemTypes(of section: XMLElement) -> [String] {
        section.children.filter { $0.localName == "System" }.flatMap { system in
            system.children.filter { $0.localName == "VirtualSystemType" }.flatMap { $0.trimmedText.split(separator: " ").map(String.init) }
        }
    }

    /// The rules that look at one VirtualHardwareSection.
    static func sectionFindings(
        _ hardware: HardwareSection, descriptor: Descriptor, diskIDs: Set<String>, fileIDs: Set<String>, configurations: Set<String>
    ) -> [Finding] {
        let section = hardware.element
        var findings: [Finding] = []
        // OVF-VHS-003 / -005 on System.
        for system in section.children where system.localName == "System" && descriptor.isOVF(system) {
            guard !system.children.isEmpty else { continue }  // an empty <System/> is accepted
            let proper = system.children.contains { $0.localName == "InstanceID" }
            let lower = system.children.first { $0.localName == "InstanceId" }
            if !proper, let lower {
                // `InstanceId` is the 0.9 spelling, so only a 1.x/2.x descriptor is told about it.
                if !descriptor.isLegacy {
                    findings.append(descriptor.warning("OVF-VHS-005", .ovfCompatibility, at: lower, "The System element spells its instance id 'InstanceId'; the CIM schema says 'InstanceID'. It is accepted."))
                }
            } else if !proper {
                // ovftool deploys a System without an InstanceID (nothing refers to it), so only a warning.
                findings.append(descriptor.warning("OVF-VHS-003", .ovfCompatibility, at: system, "The System element has no vssd:InstanceID, which the schema requires; ovftool and vCenter do without it."))
            }
            if !system.children.contains(where: { $0.localName == "VirtualSystemType" && !$0.trimmedText.isEmpty }) {
                findings.append(descriptor.error("OVF-VHS-003", at: system, "The System element has no vssd:VirtualSystemType."))
            }
        }

        let items = hardware.items
        var byInstance: [String: [HardwareItem]] = [:]
        for item in items {
            // OVF-VHS-004 / -005
            if item.instanceID?.isEmpty ?? true {
                findings.append(descriptor.error("OVF-VHS-004", at: item.element, "\(item.label) has no InstanceID."))
            } else {
                byInstance[item.instanceID!, default: []].append(item)
            }
            if let lower = item.instanceIdCasing {
                findings.append(descriptor.warning("OVF-VHS-005", .ovfCompatibility, at: lower, "\(item.label) spells its instance id 'InstanceId'; the CIM schema says 'InstanceID'. It is accepted."))
            }
            if item.kind == "Item" {
                if item.resourceTypeText?.isEmpty ?? true {
                    findings.append(descriptor.error("OVF-VHS-004", at: item.element, "\(item.label) has no ResourceType."))
                } else if let type = item.resourceType, (1...65535).contains(type) {
                    // OVF-VHS-007
                    if type > 33 && item.isRequired {
                        findings.append(descriptor.warning("OVF-VHS-007", .ovfCompatibility, at: item.element, "\(item.label) has ResourceType \(type), which is not a standard CIM resource type; it may not deploy."))
                    }
                } else {
                    findings.append(descriptor.error("OVF-VHS-004", at: item.element, "\(item.label) has ResourceType '\(item.resourceTypeText!)', which is not an integer from 1 to 65535."))
                }
            }
            // OVF-VHS-012
            for configuration in item.configurations where !configurations.contains(configuration) {
                findings.append(descriptor.error("OVF-VHS-012", at: item.element, "\(item.label) names deployment configuration '\(configuration)', which DeploymentOptionSection does not declare."))
            }
            findings += self.quantityFindings(item, descriptor: descriptor)
            findings += self.hostResourceFindings(item, descriptor: descriptor, diskIDs: diskIDs, fileIDs: fileIDs)
        }
        findings += self.instanceFindings(byInstance, descriptor: descriptor)
        findings += self.parentFindings(items, byInstance: byInstance, descriptor: descriptor)
        findings += self.orderFindings(section, items: items, descriptor: descriptor)
        return findings
    }

    /// OVF-VHS-010 and the integer part of -011.
    static func quantityFindings(_ item: HardwareItem, descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        let quantity = item.value("VirtualQuantity")
        if item.bound != nil, let quantity, !quantity.isEmpty, Int64(quantity) == nil {
            findings.append(descriptor.error("OVF-VHS-011", at: item.element, "\(item.label) is a range marker whose VirtualQuantity '\(quantity)' is not an integer."))
        }
        guard item.kind == "Item", let type = item.resourceType, type == 3 || type == 4 else { return findings }
        let what = type == 3 ? "CPU" : "memory"
        if let count = quantity.flatMap({ Int64($0) }), count >= 1 {
            if type == 4, let units = item.value("AllocationUnits"), !units.isEmpty, AllocationUnits.multiplier(units) == nil {
                findings.append(descriptor.error("OVF-VHS-010", at: item.element, "\(item.label) has memory AllocationUnits '\(units)', which is not a unit this server understands (e.g. 'byte * 2^20')."))
            }
        } else if item.bound == nil || quantity != nil {
            findings.append(descriptor.error("OVF-VHS-010", at: item.element, "\(item.label) has \(what) VirtualQuantity '\(quantity ?? "")'; it must be an integer of at least 1."))
        }
        return findings
    }

    /// OVF-VHS-009: disk and CD/DVD host resources.
    static func hostResourceFindings(_ item: HardwareItem, descriptor: Descriptor, diskIDs: Set<String>, fileIDs: Set<String>) -> [Finding] {
        var findings: [Finding] = []
        let resources = item.valueElements("HostResource")
        let isDisk = (item.kind == "Item" && item.resourceType == 17) || (item.kind == "StorageItem" && item.resourceType != 15 && item.resourceType != 16)
        if isDisk {
            if resources.count != 1 {
                findings.append(descriptor.error("OVF-VHS-009", at: item.element, "\(item.label) is a disk with \(resources.count) HostResource elements; exactly one is required."))
            }
        }
        for resource in resources {
            let text = resource.trimmedText
            if let (id, legacy) = self.diskID(inHostResource: text) {
                if !diskIDs.contains(id) {
                    findings.append(descriptor.error("OVF-VHS-009", at: resource, "\(item.label) has HostResource '\(text)', but no Disk has diskId '\(id)'."))
                } else if legacy && !(descriptor.isLegacy && text.hasPrefix("/disk/")) {
                    // `/disk/<id>` is how 0.9 writes it, so only later versions hear about it.
                    findings.append(descriptor.warning("OVF-VHS-009", .ovfCompatibility, at: resource, "\(item.label) has HostResource '\(text)'; the standard form is 'ovf:/disk/\(id)'. It is accepted."))
                }
            } else if let id = self.fileID(inHostResource: text) {
                if !fileIDs.contains(id) {
                    findings.append(descriptor.error("OVF-VHS-009", at: resource, "\(item.label) has HostResource '\(text)', but References declares no File '\(id)'."))
                }
            } else if isDisk, !text.isEmpty {
                findings.append(descriptor.error("OVF-VHS-009", at: resource, "\(item.label) is a disk whose HostResource '\(text)' is neither 'ovf:/disk/<diskId>' nor 'ovf:/file/<fileId>'."))
            }
        }
        return findings
    }

    /// OVF-VHS-006 and the range-marker part of -011.
    static func instanceFindings(_ byInstance: [String: [HardwareItem]], descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        for (id, items) in byInstance.sorted(by: { $0.key < $1.key }) where items.count > 1 || items.contains(where: { $0.bound != nil }) {
            var variants: Set<String> = []
            var bounds: [String: Int] = [:]
            for item in items {
                let bound = item.bound?.trimmedXMLSpace
                if let bound, !["min", "normal", "max"].contains(bound) {
                    findings.append(descriptor.error("OVF-VHS-011", at: item.element, "\(item.label) has ovf:bound '\(bound)'; only min, normal and max are allowed."))
                    continue
                }
                let key = item.configurations.sorted().joined(separator: " ") + "|" + (bound ?? "")
                if !variants.insert(key).inserted {
                    if bound != nil {
                        findings.append(descriptor.error("OVF-VHS-011", at: item.element, "InstanceID \(id) has more than one '\(bound!)' range marker."))
                    } else {
                        findings.append(descriptor.error("OVF-VHS-006", at: item.element, "InstanceID \(id) is used by more than one Item in the same VirtualHardwareSection."))
                    }
                }
                if let bound { bounds[bound, default: 0] += 1 }
            }
            let hasNormal = items.contains { $0.bound == nil || $0.bound == "normal" }
            if !hasNormal, let marker = items.first(where: { $0.bound == "min" || $0.bound == "max" }) {
                findings.append(descriptor.error("OVF-VHS-011", at: marker.element, "InstanceID \(id) has a '\(marker.bound!)' range marker but no normal Item."))
            }
        }
        return findings
    }

    /// OVF-VHS-008: Parent resolves to a controller in the same section.
    static func parentFindings(_ items: [HardwareItem], byInstance: [String: [HardwareItem]], descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        for item in items {
            guard let parent = item.value("Parent"), !parent.isEmpty else { continue }
            guard let targets = byInstance[parent] else {
                findings.append(descriptor.error("OVF-VHS-008", at: item.element, "\(item.label) has Parent \(parent), which is no InstanceID of this VirtualHardwareSection."))
                continue
            }
            if !targets.contains(where: { $0.resourceType.map(self.controllerTypes.contains) ?? false }) {
                findings.append(descriptor.error("OVF-VHS-008", at: item.element, "\(item.label) has Parent \(parent), which is not a controller (ResourceType 5, 6, 7, 8, 9, 20 or 23)."))
            }
        }
        return findings
    }

    /// OVF-VHS-013: 2.x item order and `.xsd`-suffixed CIM namespaces.
    static func orderFindings(_ section: XMLElement, items: [HardwareItem], descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        if descriptor.isVersion2 {
            let rank = ["Item": 0, "EthernetPortItem": 1, "StorageItem": 2]
            for (previous, next) in zip(items, items.dropFirst()) where rank[next.kind]! < rank[previous.kind]! {
                findings.append(descriptor.warning("OVF-VHS-013", .ovfCompatibility, at: next.element, "\(next.label) comes after an \(previous.kind); OVF 2.x orders Item, then EthernetPortItem, then StorageItem."))
                break
            }
        }
        var reported: Set<String> = []
        var lastChecked: String?
        for item in items {
            for child in item.element.children {
                // Siblings share their namespace string, so each is looked at once in a row.
                guard let namespace = child.namespace, namespace != lastChecked else { continue }
                lastChecked = namespace
                guard OVFNamespace.isCIM(namespace), namespace.hasSuffix(".xsd"), reported.insert(namespace).inserted else { continue }
                findings.append(descriptor.warning("OVF-VHS-013", .ovfCompatibility, at: child, "The CIM namespace '\(namespace)' carries a '.xsd' suffix; it is accepted."))
            }
        }
        return findings
    }
}
