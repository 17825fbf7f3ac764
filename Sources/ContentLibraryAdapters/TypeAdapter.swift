//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// Validates the content of one item type: the plug-in seam of the product.
///
/// The session core calls an adapter on `File.validate` and on `complete`, with a view of the
/// item's files as they would be after `complete`. The adapter appends findings to a report;
/// it never throws for bad content, because bad content is a finding, not a failure.
///
/// ```swift
/// struct TextAdapter: TypeAdapter {
///     let info = TypeInfo(type: "text", name: "Text", description: "UTF-8 text files", vendor: "Example", version: "1")
///     let warningDeclarations: [WarningDeclaration] = []
///     func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport {
///         ValidationReport()
///     }
/// }
/// ```
public protocol TypeAdapter: Sendable {
    /// What `Type.list` shows; `info.type` is the item type served (`ovf`, `iso`, …).
    var info: TypeInfo { get }

    /// The warning types this adapter may emit, each with its default behaviour.
    var warningDeclarations: [WarningDeclaration] { get }

    /// The file names that identify this type, so a set of files holding one is given this type
    /// when none is named (`validate --type auto`, a new item of `import`). The default claims
    /// nothing: the type is only used when asked for by name.
    var fileClaim: FileClaim { get }

    /// Vetoes the creation of an update session on an item of this type, e.g. for a type that
    /// takes no uploads. The default accepts.
    /// - Parameter itemID: the library item's id.
    func checkSessionCreate(itemID: String) throws(APIError)

    /// Vetoes adding a file to a session, given the names already in it. The default accepts.
    /// - Parameters:
    ///   - fileName: the name being added.
    ///   - sessionFiles: the names the session holds now.
    func checkAdd(fileName: String, sessionFiles: [String]) throws(APIError)

    /// The role of a file name in this type's packages, for preview state and storage.
    func role(ofFile fileName: String) -> FileRole

    /// What the preview waits for and reads. The default, `.wholeContent`, previews once every
    /// file has arrived; a type with metadata files (`role(ofFile:)`) answers `.metadataFiles`.
    var previewScope: PreviewScope { get }

    /// With `.metadataFiles`: whether the metadata files present (all received) are enough for a
    /// preview, e.g. an OVF descriptor is there and not only its manifest. The default: any
    /// metadata file is enough.
    func isPreviewComplete(metadataFiles: [String]) -> Bool

    /// Validates the would-be content of an item.
    /// - Parameters:
    ///   - content: the files as they would be after `complete`.
    ///   - options: what to check and against which clock.
    /// - Returns: the findings and preview data.
    func validate(_ content: any ContentView, options: ValidationOptions) async -> ValidationReport
}

extension TypeAdapter {
    /// The item type served.
    public var itemType: String { self.info.type }

    public var fileClaim: FileClaim { .nothing }

    public func checkSessionCreate(itemID: String) throws(APIError) {}

    public func checkAdd(fileName: String, sessionFiles: [String]) throws(APIError) {}

    public func role(ofFile fileName: String) -> FileRole { .content }

    public var previewScope: PreviewScope { .wholeContent }

    public func isPreviewComplete(metadataFiles: [String]) -> Bool { !metadataFiles.isEmpty }
}

/// The role of a file in a package.
public enum FileRole: Hashable, Sendable {
    /// Plain content, kept in the item.
    case content
    /// A metadata file (descriptor, manifest, certificate) that drives the preview;
    /// `kept` is `false` for files not stored in the item after `complete`.
    case metadata(kept: Bool)

    /// Whether the file stays in the item after `complete` (`keep_in_storage`).
    public var isKept: Bool {
        switch self {
        case .content: true
        case .metadata(let kept): kept
        }
    }
}
