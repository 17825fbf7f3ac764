//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The DiskSection rules: OVF-DISK-001..010, -012 and -013 (-011 needs the content; see PackageContentRules).
enum DiskRules: DescriptorRuleSet {
    /// The disk formats ovftool and vCenter know, by the fragment after `vmdk.html#`.
    static let knownVMDKVariants: Set<String> = [
        "streamOptimized", "monolithicSparse", "monolithicFlat", "sparse", "compressed",
        "twoGbMaxExtentSparse", "twoGbMaxExtentFlat", "2gbSparse", "2gbFlat", "vmfs", "vmfsSparse", "vmfsThin",
        "legacySparse", "flat",
    ]

    /// Other disk format URIs seen in accepted packages (VHD, QCOW, raw).
    static let knownOtherFormats: Set<String> = [
        "http://technet.microsoft.com/en-us/virtualserver/bb676673.aspx",
        "http://technet.microsoft.com/en-us/library/bb676673.aspx",
        "http://www.microsoft.com/technet/virtualserver/downloads/vhdspec.mspx",
        "http://people.gnome.org/~markmc/qcow-image-format.html",
        "http://www.gnome.org/~markmc/qcow-image-format.html",
        "http://en.wikipedia.org/wiki/Raw_image_format",
    ]

    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        // OVF-DISK-001: DiskSection at Envelope level, at most one.
        let sections = descriptor.diskSections
        if sections.count > 1 {
            findings.append(descriptor.error("OVF-DISK-001", at: sections[1], "The Envelope has \(sections.count) DiskSections; at most one is allowed."))
        }
        for content in descriptor.allContents {
            for section in content.children where descriptor.kind(of: section) == "DiskSection" {
                findings.append(descriptor.error("OVF-DISK-001", at: section, "A DiskSection stands inside \(descriptor.kind(of: content) ?? "Content") '\(descriptor.attribute("id", of: content) ?? "")'; it is allowed only at Envelope level."))
            }
        }

        let disks = descriptor.disks
        let fileIDs = descriptor.fileIDs
        var diskIDs: [String: XMLElement] = [:]
        var fileRefs: [String: String] = [:]
        var capacities: [String: Int64] = [:]
        for disk in disks {
            let id = descriptor.attribute("diskId", of: disk)?.trimmedXMLSpace ?? ""
            let label = id.isEmpty ? "A Disk" : "Disk '\(id)'"
            // OVF-DISK-002
            if id.isEmpty { findings.append(descriptor.error("OVF-DISK-002", at: disk, "A Disk has no ovf:diskId.")) }
            let capacity = descriptor.attribute("capacity", of: disk)?.trimmedXMLSpace ?? ""
            if capacity.isEmpty { findings.append(descriptor.error("OVF-DISK-002", at: disk, "\(label) has no ovf:capacity.")) }
            // OVF-DISK-003
            if !id.isEmpty {
                if diskIDs[id] != nil {
                    findings.append(descriptor.error("OVF-DISK-003", at: disk, "Disk id '\(id)' is declared more than once."))
                } else {
                    diskIDs[id] = disk
                }
            }
            // OVF-DISK-004 / -005
            let fileRef = descriptor.attribute("fileRef", of: disk)?.trimmedXMLSpace
            if let fileRef, !fileRef.isEmpty {
                if !fileIDs.contains(fileRef) {
                    findings.append(descriptor.error("OVF-DISK-004", at: disk, "\(label) refers to file '\(fileRef)', which References does not declare."))
                }
                if let other = fileRefs[fileRef] {
                    findings.append(descriptor.error("OVF-DISK-005", at: disk, "Disks '\(other)' and '\(id)' both use file '\(fileRef)'; each file backs at most one Disk."))
                } else {
                    fileRefs[fileRef] = id
                }
            }
            // OVF-DISK-006 / -007
            let format = descriptor.attribute("format", of: disk)?.trimmedXMLSpace
            if let fileRef, !fileRef.isEmpty {
                if format?.isEmpty ?? true {
                    findings.append(descriptor.error("OVF-DISK-006", at: disk, "\(label) is backed by file '\(fileRef)' but has no ovf:format."))
                }
            } else if format != nil || descriptor.attribute("populatedSize", of: disk) != nil {
                // Corrections box: shipped appliances do this and ovftool accepts it, so only a warning.
                findings.append(descriptor.warning("OVF-DISK-006", .ovfCompatibility, at: disk, "\(label) is empty (no ovf:fileRef) but carries ovf:format or ovf:populatedSize, which empty disks do not use."))
            }
            if let format, !format.isEmpty, !self.isKnownFormat(format) {
                findings.append(descriptor.warning("OVF-DISK-007", .ovfCompatibility, at: disk, "\(label) has the unknown disk format '\(format)'."))
            }
            // OVF-DISK-008
            var capacityBytes: Int64?
            if !capacity.isEmpty {
                switch self.capacityInBytes(capacity, units: descriptor.attribute("capacityAllocationUnits", of: disk), descriptor: descriptor) {
                case .success(let bytes):
                    capacityBytes = bytes
                    if !id.isEmpty, let bytes { capacities[id] = bytes }
                case .failure(let problem):
                    findings.append(descriptor.error("OVF-DISK-008", at: disk, "\(label): \(problem.text)"))
                }
            }
            // OVF-DISK-009
            if let populated = descriptor.attribute("populatedSize", of: disk)?.trimmedXMLSpace {
                if let value = Int64(populated), value >= 0 {
                    if let capacityBytes, value > capacityBytes {
                        findings.append(descriptor.error("OVF-DISK-009", at: disk, "\(label) has ovf:populatedSize \(value), more than its capacity of \(capacityBytes) bytes."))
                    }
                } else {
                    findings.append(descriptor.error("OVF-DISK-009", at: disk, "\(label) has ovf:populatedSize '\(populated)', which is not a non-negative integer."))
                }
            }
        }
        findings += self.parentFindings(disks, ids: diskIDs, descriptor: descriptor)
        findings += self.usageFindings(disks, descriptor: descriptor)
        findings += self.orderFindings(disks, descriptor: descriptor)
        return findings
    }

    /// Whether a format URI is one ovftool or vCenter knows (the `interfaces/interfaces` typo included).
    static func isKnownFormat(_ format: String) -> Bool {
        if self.knownOtherFormats.contains(format) { return true }
        guard let hash = format.lastIndex(of: "#") else { return false }
        let base = format[..<hash]
        let variant = String(format[format.index(after: hash)...])
        guard base.hasPrefix("http://www.vmware.com/"), base.hasSuffix("specifications/vmdk.html") else { return false }
        return self.knownVMDKVariants.contains(variant)
    }

    /// Why a capacity is unusable.
    struct CapacityProblem: Error {
        /// The explanation, a full sentence.
        var text: String
    }

    /// The capacity in bytes; `nil` bytes when it is a `${key}` resolved only at deploy time.
    static func capacityInBytes(_ capacity: String, units: String?, descriptor: Descriptor) -> Result<Int64?, CapacityProblem> {
        var amount: Int64
        if capacity.hasPrefix("${"), capacity.hasSuffix("}") {
            let key = String(capacity.dropFirst(2).dropLast())
            guard let property = descriptor.properties.first(where: { descriptor.attribute("key", of: $0) == key }) else {
                return .failure(CapacityProblem(text: "ovf:capacity '\(capacity)' refers to property '\(key)', which no ProductSection defines."))
            }
            let value = descriptor.attribute("value", of: property)?.trimmedXMLSpace ?? ""
            guard let number = Int64(value), number > 0 else {
                return .failure(CapacityProblem(text: "ovf:capacity '\(capacity)' refers to property '\(key)', whose default value '\(value)' is not a positive integer."))
            }
            amount = number
        } else {
            guard let number = Int64(capacity), number > 0 else {
                return .failure(CapacityProblem(text: "ovf:capacity '\(capacity)' is not a positive integer."))
            }
            amount = number
        }
        let unitText = units?.trimmedXMLSpace ?? ""
        guard let multiplier = unitText.isEmpty ? 1 : AllocationUnits.multiplier(unitText) else {
            return .failure(CapacityProblem(text: "ovf:capacityAllocationUnits '\(unitText)' is not a unit this server understands (e.g. 'byte * 2^30')."))
        }
        let (bytes, overflow) = amount.multipliedReportingOverflow(by: multiplier)
        if overflow {
            return .failure(CapacityProblem(text: "the capacity \(capacity) × \(unitText) exceeds 2^63-1 bytes."))
        }
        return .success(bytes)
    }

    /// OVF-DISK-010: parentRef names a Disk, without cycles.
    static func parentFindings(_ disks: [XMLElement], ids: [String: XMLElement], descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        var parents: [String: String] = [:]
        for disk in disks {
            guard let id = descriptor.attribute("diskId", of: disk), let parent = descriptor.attribute("parentRef", of: disk)?.trimmedXMLSpace,
                !parent.isEmpty
            else { continue }
            if ids[parent] == nil {
                findings.append(descriptor.error("OVF-DISK-010", at: disk, "Disk '\(id)' has ovf:parentRef '\(parent)', which names no Disk."))
            } else {
                parents[id] = parent
            }
        }
        var reported: Set<String> = []
        for disk in disks {
            guard let start = descriptor.attribute("diskId", of: disk), parents[start] != nil, !reported.contains(start) else { continue }
            var chain = [start]
            var current = start
            while let next = parents[current] {
                if next == start {
                    reported.formUnion(chain)
                    findings.append(descriptor.error("OVF-DISK-010", at: disk, "Disk '\(start)' is its own ancestor through ovf:parentRef (\((chain + [start]).joined(separator: " → ")))."))
                    break
                }
                if chain.contains(next) { break }
                chain.append(next)
                current = next
            }
        }
        return findings
    }

    /// OVF-DISK-012: every Disk is used by a HostResource.
    static func usageFindings(_ disks: [XMLElement], descriptor: Descriptor) -> [Finding] {
        var used: Set<String> = []
        for (_, item) in descriptor.hardwareItems {
            for resource in item.valueElements("HostResource") {
                if let id = HardwareRules.diskID(inHostResource: resource.trimmedText)?.id { used.insert(id) }
            }
        }
        // A delta disk's parent is used through its child.
        for disk in disks { if let parent = descriptor.attribute("parentRef", of: disk) { used.insert(parent) } }
        return disks.compactMap { disk in
            guard let id = descriptor.attribute("diskId", of: disk), !id.isEmpty, !used.contains(id) else { return nil }
            return descriptor.warning("OVF-DISK-012", .ovfPackageContent, at: disk, "Disk '\(id)' is not attached to any virtual hardware Item.")
        }
    }

    /// OVF-DISK-013: Disks listed in a different order than their Files.
    static func orderFindings(_ disks: [XMLElement], descriptor: Descriptor) -> [Finding] {
        let fileOrder = Dictionary(
            descriptor.fileElements.enumerated().compactMap { index, file in descriptor.attribute("id", of: file).map { ($0, index) } },
            uniquingKeysWith: { first, _ in first }
        )
        let positions = disks.compactMap { disk in descriptor.attribute("fileRef", of: disk).flatMap { fileOrder[$0] }.map { (disk, $0) } }
        for (previous, next) in zip(positions, positions.dropFirst()) where next.1 < previous.1 {
            let disk = next.0
            return [descriptor.warning(
                "OVF-DISK-013", .ovfPackageContent, at: disk,
                "Disk '\(descriptor.attribute("diskId", of: disk) ?? "")' is listed after Disk '\(descriptor.attribute("diskId", of: previous.0) ?? "")' but its file comes first in References."
            )]
        }
        return []
    }
}
