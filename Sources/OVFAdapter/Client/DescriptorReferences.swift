//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// The files an OVF descriptor's `References` section names, so a client knows which files of a
/// package folder or archive to send.
///
/// A public façade over the adapter's hardened parser and Descriptor model: the same parse the
/// server runs (no DTD, no entities, no network), and the same reading of `ovf:href`,
/// `ovf:size` and `ovf:chunkSize`.
public struct DescriptorReferences: Hashable, Sendable {
    /// One `References/File`.
    public struct Reference: Hashable, Sendable {
        /// `ovf:id`.
        public var id: String
        /// `ovf:href`: the file name (the base of the part names when chunked).
        public var href: String
        /// `ovf:size`, when declared.
        public var size: Int64?
        /// `ovf:chunkSize`, when the file is split into `href.000000000`, `href.000000001`, ….
        public var chunkSize: Int64?

        /// Creates a reference.
        public init(id: String, href: String, size: Int64? = nil, chunkSize: Int64? = nil) {
            self.id = id
            self.href = href
            self.size = size
            self.chunkSize = chunkSize
        }

        /// The file names this reference stands for, given the names present: `[href]`, or for a
        /// chunked file its consecutive parts from `.000000000` (the first absent one included,
        /// so a missing first part is named).
        public func fileNames(present: Set<String>) -> [String] {
            FileReference(id: self.id, href: self.href, size: self.size, chunkSize: self.chunkSize).expectedPartNames(present: present)
        }
    }

    /// Why a descriptor cannot be read.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// What the parser said, with the line where known.
        public var description: String
    }

    /// The references in document order.
    public var references: [Reference]

    /// Parses descriptor bytes.
    /// - Throws: ParseError when the bytes are not well-formed XML (or use a DTD).
    public init(parsing bytes: [UInt8], descriptorName: String) throws(ParseError) {
        let root: XMLElement
        do {
            root = try HardenedXMLParser().parse(bytes)
        } catch {
            let place = error.line.map { " (line \($0))" } ?? ""
            throw ParseError(description: "\(descriptorName)\(place): \(error.reason)")
        }
        self.references = Descriptor(name: descriptorName, root: root).references.map {
            Reference(id: $0.id, href: $0.href, size: $0.size, chunkSize: $0.chunkSize)
        }
    }
}
