//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

extension WarningType {
    /// Legacy, lenient or unknown-but-optional things in a package that ovftool and vCenter accept
    /// (OVF 0.9 namespace, `rasd:InstanceId` casing, non-required unknown sections, …).
    public static let ovfCompatibility: WarningType = "OVF_COMPATIBILITY"
    /// The package's files do not line up neatly with its descriptor: unreferenced files, unused
    /// disks, unusual order, extra chunks.
    public static let ovfPackageContent: WarningType = "OVF_PACKAGE_CONTENT"
    /// A manifest or signature uses a digest no longer considered strong (SHA1); emitted by the
    /// manifest and certificate checks.
    public static let weakDigest: WarningType = "WEAK_DIGEST"
    /// An OVA's members are not in the order DSP0243 recommends; emitted by the OVA reader.
    public static let ovaLayout: WarningType = "OVA_LAYOUT"
}

extension WarningDeclaration {
    /// The warning types of OVF packages, all ignored unless configured otherwise, because the
    /// tools they mirror (ovftool, vCenter) accept such packages.
    static let ovfWarnings: [WarningDeclaration] = [
        .init(
            type: .ovfCompatibility, ignoredByDefault: true,
            description: "The descriptor uses a legacy or lenient form, or an optional part this server does not interpret."
        ),
        .init(
            type: .ovfPackageContent, ignoredByDefault: true,
            description: "The package's files do not match the descriptor neatly: unused disks or files, unusual order, extra chunks."
        ),
        .init(
            type: .weakDigest, ignoredByDefault: true,
            description: "The manifest or signature uses a weak digest algorithm (SHA1)."
        ),
        .init(
            type: .ovaLayout, ignoredByDefault: true,
            description: "The OVA's members are not in the recommended order."
        ),
    ]
}
