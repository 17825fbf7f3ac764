//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
public import ContentLibraryModel

/// An example in-code adapter: QCOW2 disk images, item type `qcow2`.
///
/// It shows the whole adapter API on a real format. Every file of the item must be a
/// self-contained QCOW2 image:
///
/// | rule | finding |
/// |---|---|
/// | QCOW2-001 | error: the header is cut short |
/// | QCOW2-002 | error: not a QCOW2 image (magic) |
/// | QCOW2-003 | error: a version other than 2 or 3 |
/// | QCOW2-004 | error: the image has a backing file (refused: it would read another file of the host) |
/// | QCOW2-005 | error: the image keeps its data in an external data file (refused for the same reason) |
/// | QCOW2-006 | error: cluster bits outside 9…21 |
/// | QCOW2-007 | error: the file ends before its header cluster, L1 table or refcount table |
/// | QCOW2-008 | error: marked corrupt, or incompatible features this adapter does not know |
/// | QCOW2-009 | error: a virtual size of 0 |
/// | QCOW2-010 | note: the virtual size |
/// | QCOW2-011 | warning `QCOW2_LEGACY_VERSION` (ignored by default): a version 2 image |
/// | QCOW2-012 | warning `QCOW2_DIRTY` (blocking by default): the dirty bit is set |
/// | QCOW2-013/014 | error: the declared size or checksum does not match |
///
/// Registering it is one line on top of the standard adapters:
/// ```swift
/// var registry = AdapterRegistry.standard()
/// registry.register(QCOW2Adapter())
/// let server = try ContentLibraryServer(settings: settings, adapters: registry)
/// ```
public struct QCOW2Adapter: TypeAdapter {
    /// The item type served.
    public static let itemType = "qcow2"
    /// A version 2 (QEMU 0.10 compatible) image: it works, but lacks version 3 features.
    public static let legacyVersionWarning: WarningType = "QCOW2_LEGACY_VERSION"
    /// The dirty bit is set: refcounts need `qemu-img check -r all` before the image is trusted.
    public static let dirtyWarning: WarningType = "QCOW2_DIRTY"

    public let info = TypeInfo(
        type: QCOW2Adapter.itemType,
        name: "QCOW2",
        description: "QEMU copy-on-write disk images (version 2 or 3), self-contained: no backing or external data files.",
        vendor: "ContentLibrary examples",
        version: "1.0"
    )

    public let warningDeclarations: [WarningDeclaration] = [
        WarningDeclaration(type: QCOW2Adapter.legacyVersionWarning, ignoredByDefault: true, description: "The image is QCOW2 version 2 (compat 0.10)."),
        WarningDeclaration(type: QCOW2Adapter.dirtyWarning, ignoredByDefault: false, description: "The image's dirty bit is set; its refcounts may be inconsistent."),
    ]

    /// QCOW2 images, by their `.qcow2` extension.
    public let fileClaim = FileClaim(extensions: ["qcow2"])

    /// Creates the adapter.
    public init() {}

    public func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
        var report = ValidationReport()
        for file in content.files {
            report.add(contentsOf: await self.check(file, in: content))
        }
        report.add(contentsOf: await DeclaredIntegrityCheck(sizeRule: "QCOW2-013", checksumRule: "QCOW2-014").findings(in: content))
        return report
    }

    /// The findings for one file.
    func check(_ file: ContentFile, in content: any ContentView) async -> [Finding] {
        let name = file.name
        let bytes: [UInt8]
        do {
            bytes = try await content.read(name, offset: 0, count: QCOW2Header.version3Length)
        } catch {
            return [.error("QCOW2-001", file: name, "\(name): cannot be read: \(error).")]
        }
        let header: QCOW2Header
        do {
            header = try QCOW2Header(bytes: bytes)
        } catch {
            guard case .truncated(let needed, let available) = error else {
                return [.error("QCOW2-002", file: name, "\(name) is not a QCOW2 image (no QFI\\xfb magic).", args: [name])]
            }
            return [.error("QCOW2-001", file: name, "\(name): the QCOW2 header needs \(needed) bytes but the file has \(available).",
                           args: [name, String(needed), String(available)])]
        }
        guard header.version == 2 || header.version == 3 else {
            return [.error("QCOW2-003", file: name, "\(name): QCOW2 version \(header.version) is not supported (2 or 3).",
                           args: [name, String(header.version)])]
        }
        var findings: [Finding] = []
        if header.backingFileOffset != 0 || header.backingFileSize != 0 {
            findings.append(.error("QCOW2-004", file: name,
                "\(name) has a backing file; only self-contained images are accepted (flatten it with qemu-img convert).", args: [name]))
        }
        if header.incompatibleFeatures & QCOW2Header.externalDataFileBit != 0 {
            findings.append(.error("QCOW2-005", file: name,
                "\(name) stores its data in an external data file; only self-contained images are accepted.", args: [name]))
        }
        let clusterBitsValid = (9...21).contains(header.clusterBits)
        if !clusterBitsValid {
            findings.append(.error("QCOW2-006", file: name, "\(name): cluster bits \(header.clusterBits) are outside 9…21.",
                                   args: [name, String(header.clusterBits)]))
        }
        if header.incompatibleFeatures & QCOW2Header.corruptBit != 0 {
            findings.append(.error("QCOW2-008", file: name, "\(name) is marked corrupt; repair it with qemu-img check -r all.", args: [name]))
        }
        let unknown = header.incompatibleFeatures & ~QCOW2Header.knownIncompatibleBits
        if unknown != 0 {
            findings.append(.error("QCOW2-008", file: name,
                "\(name) uses incompatible features this adapter does not know (bits 0x\(String(unknown, radix: 16))).", args: [name]))
        }
        if header.size == 0 {
            findings.append(.error("QCOW2-009", file: name, "\(name) has a virtual size of 0 bytes.", args: [name]))
        } else {
            findings.append(.info("QCOW2-010", file: name, "\(name): virtual size \(header.size) bytes.", args: [name, String(header.size)]))
        }
        if clusterBitsValid {
            let end = Self.requiredLength(header)
            if end > UInt64(file.size) {
                findings.append(.error("QCOW2-007", file: name,
                    "\(name) is truncated: its header and tables need \(end) bytes but the file has \(file.size).",
                    args: [name, String(end), String(file.size)]))
            }
        }
        if header.version == 2 {
            findings.append(.warning("QCOW2-011", type: Self.legacyVersionWarning, file: name,
                "\(name) is a QCOW2 version 2 image; version 3 is recommended.", args: [name]))
        }
        if header.incompatibleFeatures & QCOW2Header.dirtyBit != 0 {
            findings.append(.warning("QCOW2-012", type: Self.dirtyWarning, file: name,
                "\(name) has its dirty bit set; run qemu-img check -r all before uploading.", args: [name]))
        }
        return findings
    }

    /// The least file length the header implies: the header cluster, the L1 table and the
    /// refcount table; `UInt64.max` when the offsets overflow (no file can satisfy them).
    static func requiredLength(_ header: QCOW2Header) -> UInt64 {
        let cluster = UInt64(1) << UInt64(header.clusterBits)
        var end = cluster
        let (l1Bytes, o1) = UInt64(header.l1Size).multipliedReportingOverflow(by: 8)
        let (l1End, o2) = header.l1TableOffset.addingReportingOverflow(l1Bytes)
        let (refBytes, o3) = UInt64(header.refcountTableClusters).multipliedReportingOverflow(by: cluster)
        let (refEnd, o4) = header.refcountTableOffset.addingReportingOverflow(refBytes)
        if o1 || o2 || o3 || o4 { return UInt64.max }
        if header.l1Size > 0 { end = max(end, l1End) }
        if header.refcountTableClusters > 0 { end = max(end, refEnd) }
        return end
    }
}
