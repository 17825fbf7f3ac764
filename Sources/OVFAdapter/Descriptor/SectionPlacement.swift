//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Where each known OVF section may stand and how often (formats.md §1.9), as data.
struct SectionPlacement: Sendable {
    /// A kind of element that holds sections.
    enum Parent: String, Sendable, CaseIterable {
        case envelope = "Envelope"
        case virtualSystem = "VirtualSystem"
        case virtualSystemCollection = "VirtualSystemCollection"
        case virtualHardwareSection = "VirtualHardwareSection"
    }

    /// Where the section is allowed.
    var allowedIn: Set<Parent>
    /// The most occurrences per parent; `nil` for no limit.
    var maximum: Int?
    /// The rule that reports a violation: the section-specific one where the catalogue has one.
    var ruleID: String

    /// The table of known sections by kind.
    static let table: [String: SectionPlacement] = [
        "DiskSection": .init(allowedIn: [.envelope], maximum: 1, ruleID: "OVF-DISK-001"),
        "NetworkSection": .init(allowedIn: [.envelope], maximum: 1, ruleID: "OVF-NET-001"),
        "DeploymentOptionSection": .init(allowedIn: [.envelope], maximum: 1, ruleID: "OVF-SEC-002"),
        "VirtualHardwareSection": .init(allowedIn: [.virtualSystem], maximum: nil, ruleID: "OVF-SEC-002"),
        "OperatingSystemSection": .init(allowedIn: [.virtualSystem], maximum: 1, ruleID: "OVF-SEC-002"),
        "InstallSection": .init(allowedIn: [.virtualSystem], maximum: 1, ruleID: "OVF-SEC-002"),
        "ProductSection": .init(allowedIn: [.virtualSystem, .virtualSystemCollection], maximum: nil, ruleID: "OVF-SEC-002"),
        // ovftool accepts EulaSection at Envelope level (Corrections box).
        "EulaSection": .init(allowedIn: [.envelope, .virtualSystem, .virtualSystemCollection], maximum: nil, ruleID: "OVF-SEC-002"),
        "AnnotationSection": .init(allowedIn: [.virtualSystem, .virtualSystemCollection], maximum: 1, ruleID: "OVF-SEC-002"),
        "StartupSection": .init(allowedIn: [.virtualSystemCollection], maximum: 1, ruleID: "OVF-SEC-002"),
        "ResourceAllocationSection": .init(allowedIn: [.virtualSystemCollection], maximum: 1, ruleID: "OVF-SEC-002"),
        "EnvironmentFilesSection": .init(allowedIn: [.virtualSystem, .virtualSystemCollection], maximum: 1, ruleID: "OVF-SEC-002"),
        "PlacementSection": .init(allowedIn: [.virtualSystem, .virtualSystemCollection], maximum: 1, ruleID: "OVF-SEC-002"),
        "PlacementGroupSection": .init(allowedIn: [.envelope], maximum: nil, ruleID: "OVF-SEC-002"),
        "EncryptionSection": .init(allowedIn: [.envelope], maximum: 1, ruleID: "OVF-SEC-002"),
        "SharedDiskSection": .init(allowedIn: [.envelope], maximum: 1, ruleID: "OVF-SEC-002"),
        "ScaleOutSection": .init(allowedIn: [.virtualSystemCollection], maximum: nil, ruleID: "OVF-SEC-002"),
        "BootDeviceSection": .init(allowedIn: [.virtualHardwareSection], maximum: nil, ruleID: "OVF-SEC-002"),
        "SecuritySection": .init(allowedIn: [.envelope, .virtualSystem, .virtualSystemCollection], maximum: nil, ruleID: "OVF-SEC-002"),
    ]
}
