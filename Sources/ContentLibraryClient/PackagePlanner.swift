//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAdapters
import ContentLibraryModel
import NIOCore
import Foundation
import OVFAdapter

/// Turns a local path into an ImportPlan: which files to send, in which order, from which bytes
/// of which local file, with which checksum.
///
/// - An `.ovf` (or a folder holding exactly one) is an OVF package: its manifest `<base>.mf`
///   and certificate `<base>.cert` first (the server refuses them after the descriptor), then
///   the descriptor, then every file its References name (chunked files by their parts), in
///   reference order. Other files in the folder are left out, with a note.
/// - An `.ova` is read in place: the same package, taken from the archive's members, each sent
///   from its byte range of the `.ova` (never unpacked). With `archivesWhole` (the server pulls
///   whole URLs) it is one file instead.
/// - Any other file is sent as itself; a folder without a descriptor sends its regular files.
///
/// Checksums come from the package's manifest where it lists the file; the rest are left for
/// the uploader to compute while sending. The descriptor, manifest and References are read with
/// OVFAdapter's own parsers, exactly as the server will read them. The item type is the
/// registry's answer for the planned names, as `validate --type auto` gives it.
public struct PackagePlanner: Sendable {
    /// The adapters whose file claims give the plan its item type
    /// (AdapterRegistry/itemType(forFileNames:)).
    public var registry: AdapterRegistry
    /// Whether an `.ova` is planned as one file rather than its members.
    public var archivesWhole: Bool

    /// The largest descriptor or manifest read into memory.
    static let metadataLimit: Int64 = 64 << 20

    /// Creates a planner.
    /// - Parameters:
    ///   - registry: the adapters that type a new item, the same the CLI validates with.
    ///   - archivesWhole: plan an `.ova` as one file rather than its members.
    public init(registry: AdapterRegistry, archivesWhole: Bool = false) {
        self.registry = registry
        self.archivesWhole = archivesWhole
    }

    /// Plans the import of `path`.
    /// - Throws: `ClientError.usage` when the path cannot be read or is ambiguous;
    ///   `.importFailed` when the package is broken (a referenced file missing, an unreadable
    ///   descriptor or archive).
    public func plan(path: String) async throws(ClientError) -> ImportPlan {
        let path = Self.trimmedPath(path)
        switch try LocalPath.kind(of: path) {
        case .directory:
            let entries = try LocalPath.regularFiles(in: path)
            let descriptors = entries.keys.filter { Self.fileExtension($0) == "ovf" }.sorted()
            if descriptors.count > 1 {
                throw .usage("\(path) holds several OVF descriptors (\(descriptors.joined(separator: ", "))); give the path of the one to import")
            }
            if let descriptor = descriptors.first {
                return try self.package(descriptor: descriptor, folder: path, entries: entries, itemName: Self.lastComponent(path))
            }
            guard !entries.isEmpty else { throw .usage("\(path) holds no files to import") }
            let names = entries.keys.sorted()
            return ImportPlan(
                kind: .folder, defaultItemName: Self.lastComponent(path), itemType: self.itemType(forNames: names),
                files: names.map { ImportPlan.File(name: $0, source: FileSlice(path: Self.join(path, $0), length: entries[$0]!)) }
            )
        case .file(let size):
            let name = Self.lastComponent(path)
            switch Self.fileExtension(name) {
            case "ovf":
                let folder = Self.folder(of: path)
                return try self.package(
                    descriptor: name, folder: folder, entries: try LocalPath.regularFiles(in: folder), itemName: Self.stem(name)
                )
            case "ova" where !self.archivesWhole:
                return try await self.archive(path: path, name: name, size: size)
            default:
                return ImportPlan(
                    kind: .singleFile, defaultItemName: ["ova"].contains(Self.fileExtension(name)) ? Self.stem(name) : name,
                    itemType: self.itemType(forNames: [name]), files: [ImportPlan.File(name: name, source: FileSlice(path: path, length: size))]
                )
            }
        }
    }

    /// Plans a PULL import: the server fetches every file from `url`.
    ///
    /// With a local copy (`path`), the files are planned as for an upload (an `.ova` as one
    /// file: the server pulls whole URLs) and pulled from `url` itself for a single file, or
    /// from `url` + the file name when `url` ends with `/` or several files are planned; the
    /// caller computes the missing checksums from the local copy so the server verifies what
    /// it fetched. Without a local copy, one file named after the URL's last path segment.
    public func pullPlan(url: String, path: String?) async throws(ClientError) -> ImportPlan {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme) else {
            throw .usage("--pull must be an http or https URL, not '\(url)'")
        }
        guard let path else {
            let segment = parsed.path.split(separator: "/").last.map(String.init) ?? ""
            let name = segment.removingPercentEncoding ?? segment
            guard !name.isEmpty else {
                throw .usage("--pull \(url) names no file; give a URL ending with the file name, or the local copy's PATH")
            }
            return ImportPlan(
                kind: .singleFile, defaultItemName: Self.fileExtension(name) == "ova" ? Self.stem(name) : name,
                itemType: self.itemType(forNames: [name]), files: [ImportPlan.File(name: name, source: nil, pullURL: url)]
            )
        }
        var plan = try await PackagePlanner(registry: self.registry, archivesWhole: true).plan(path: path)
        let single = plan.files.count == 1 && !url.hasSuffix("/")
        let base = url.hasSuffix("/") ? url : url + "/"
        for index in plan.files.indices {
            plan.files[index].pullURL = single ? url : base + ContentLibraryAPI.escape(plan.files[index].name)
        }
        return plan
    }

    /// The registry's item type for the planned names; `nil` for the fallback's, so that generic
    /// files make an item without a type, as vCenter stores them.
    private func itemType(forNames names: [String]) -> String? {
        let itemType = self.registry.itemType(forFileNames: names)
        return itemType == self.registry.fallback.itemType ? nil : itemType
    }

    // MARK: OVF packages

    /// A package from a folder: `entries` are its regular files and sizes.
    private func package(descriptor: String, folder: String, entries: [String: Int64], itemName: String) throws(ClientError) -> ImportPlan {
        let read: (String) throws(ClientError) -> [UInt8] = { name throws(ClientError) in
            try Self.readWhole(Self.join(folder, name), size: entries[name] ?? 0)
        }
        let layout = try Self.layout(descriptor: descriptor, present: Set(entries.keys), read: read, where: folder)
        let files = layout.order.map { name in
            ImportPlan.File(name: name, source: FileSlice(path: Self.join(folder, name), length: entries[name]!), checksum: layout.checksums[name])
        }
        var notes = layout.notes
        let left = Set(entries.keys).subtracting(layout.order).sorted()
        if !left.isEmpty {
            notes.append("not sent (not part of \(descriptor)): \(left.joined(separator: ", "))")
        }
        return ImportPlan(
            kind: .ovfPackage, defaultItemName: itemName, itemType: self.itemType(forNames: layout.order), files: files, notes: notes
        )
    }

    /// A package from the members of an `.ova`, each sent from its range of the archive.
    private func archive(path: String, name: String, size: Int64) async throws(ClientError) -> ImportPlan {
        let view = LocalContentView(entries: [.init(file: ContentFile(name: name, size: size), path: path)])
        let listing = await OVAMemberListing.read(name, from: view)
        if !listing.errors.isEmpty {
            throw .importFailed("\(path) cannot be imported: " + listing.errors.joined(separator: "; "))
        }
        let members = Dictionary(listing.members.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard let descriptor = listing.members.first(where: { Self.fileExtension($0.name) == "ovf" }) else {
            throw .importFailed("\(path) holds no OVF descriptor (.ovf)")
        }
        let read: (String) throws(ClientError) -> [UInt8] = { member throws(ClientError) in
            guard let entry = members[member] else { return [] }
            guard entry.size <= Self.metadataLimit else { throw .importFailed("\(path): the member \(member) is too large to be a descriptor or manifest") }
            let reader = try SliceReader(FileSlice(path: path, offset: entry.offset, length: entry.size))
            var buffer = try reader.read(at: 0, count: Int(entry.size))
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        }
        let layout = try Self.layout(descriptor: descriptor.name, present: Set(members.keys), read: read, where: path)
        let files = layout.order.map { member in
            let entry = members[member]!
            return ImportPlan.File(name: member, source: FileSlice(path: path, offset: entry.offset, length: entry.size), checksum: layout.checksums[member])
        }
        var notes = layout.notes + listing.warnings
        let left = listing.members.map(\.name).filter { !layout.order.contains($0) }
        if !left.isEmpty {
            notes.append("not sent (not part of \(descriptor.name)): \(left.joined(separator: ", "))")
        }
        return ImportPlan(
            kind: .ovaArchive, defaultItemName: Self.stem(name), itemType: self.itemType(forNames: layout.order), files: files, notes: notes
        )
    }

    /// The files of a package in upload order and the manifest's checksums, from the names
    /// present (in a folder or an archive) and a way to read small files.
    private static func layout(
        descriptor: String, present: Set<String>, read: (String) throws(ClientError) -> [UInt8], where place: String
    ) throws(ClientError) -> (order: [String], checksums: [String: ChecksumInfo], notes: [String]) {
        let base = Self.stem(descriptor)
        let manifest = present.contains(base + ".mf") ? base + ".mf" : nil
        let certificate = present.contains(base + ".cert") ? base + ".cert" : nil
        let references: DescriptorReferences
        do {
            references = try DescriptorReferences(parsing: try read(descriptor), descriptorName: descriptor)
        } catch let error as DescriptorReferences.ParseError {
            throw .importFailed("the descriptor cannot be read: \(error.description)")
        } catch let error as ClientError {
            throw error
        } catch {
            throw .importFailed("the descriptor cannot be read: \(error)")
        }
        var order = [manifest, certificate, descriptor].compactMap { $0 }
        var missing: [String] = []
        for reference in references.references {
            for name in reference.fileNames(present: present) where !order.contains(name) && !missing.contains(name) {
                if present.contains(name) { order.append(name) } else { missing.append(name) }
            }
        }
        if !missing.isEmpty {
            throw .importFailed("\(descriptor) references \(missing.joined(separator: ", ")), which \(missing.count == 1 ? "is" : "are") not in \(place)")
        }
        var checksums: [String: ChecksumInfo] = [:]
        var notes: [String] = []
        if let manifest {
            let digests = ManifestDigests(parsing: try read(manifest), manifestName: manifest)
            checksums = digests.checksums.filter { order.contains($0.key) && $0.key != manifest && $0.key != certificate }
            notes += digests.problems.map { "manifest line not used: \($0)" }
        }
        return (order, checksums, notes)
    }

    // MARK: Local files

    /// Reads a small file whole.
    private static func readWhole(_ path: String, size: Int64) throws(ClientError) -> [UInt8] {
        guard size <= Self.metadataLimit else { throw .importFailed("\(path) is too large to be a descriptor or manifest") }
        let reader = try SliceReader(FileSlice(path: path, length: size))
        var buffer = try reader.read(at: 0, count: Int(size))
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    static func trimmedPath(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The lower-cased extension (`""` when none).
    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The name without its extension.
    static func stem(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
