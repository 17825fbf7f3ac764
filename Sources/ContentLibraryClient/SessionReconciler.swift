//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
public import ContentLibraryAPI

/// Decides what each planned file still needs in an update session that may already hold some
/// of it: a session an earlier run of the same import left ACTIVE (killed, laptop asleep,
/// network gone longer than the retries), or a fresh one, which holds only the item's earlier
/// files and so needs everything sent (the fresh import is "adopt nothing", one code path).
///
/// The rules, per planned file, against the session file of the same name:
/// - not added in this session (absent, or the item's earlier file with source type NONE), or
///   WAITING_FOR_TRANSFER, ERROR, or added as something else (PULL for a push, another declared
///   checksum) → `upload`: add it again and send it whole;
/// - READY and provably the same bytes (same size, and the manifest checksum equals the
///   server's `checksum_info` of the same algorithm, else the local SHA-256 — one local read,
///   no network — equals the server's) → `skip`;
/// - TRANSFERRING (or VALIDATING) as the same PUSH file → `resume` from the server's offset.
///
/// Session files the plan does not have are removed first. The OVF order rule (a manifest or
/// certificate cannot be added once a descriptor is in the session) is kept: when a manifest or
/// certificate must be added and the session already holds a descriptor, the descriptor is
/// removed first and sent again after them — it is small, the disks keep their bytes.
public struct SessionReconciler: Sendable {
    /// What to do with one planned file.
    public enum Action: Hashable, Sendable {
        /// The server holds exactly these bytes; `reason` says how that was proven.
        case skip(reason: String)
        /// The server holds the first `offset` bytes of this upload at `url`: send the rest.
        case resume(offset: Int64, url: String)
        /// Add the file (again) and send it whole.
        case upload
    }

    /// The outcome for a whole plan.
    public struct Result: Hashable, Sendable {
        /// Session files to remove before anything is added, in this order.
        public var removals: [String]
        /// Every planned file with its action, in plan order.
        public var actions: [Action]
        /// Things the user should know (descriptor sent again for the order rule).
        public var notes: [String]
    }

    /// What is sent.
    public let plan: ImportPlan
    /// The session's files as `File.list` answered.
    public let sessionFiles: [SessionFileInfo]

    /// Creates a reconciler.
    public init(plan: ImportPlan, sessionFiles: [SessionFileInfo]) {
        self.plan = plan
        self.sessionFiles = sessionFiles
    }

    /// The removals and actions for the whole plan.
    /// - Parameter localSHA256: computes a local file's SHA-256; called only for READY files
    ///   whose manifest checksum cannot be compared with the server's.
    public func reconcile(localSHA256: (FileSlice) throws(ClientError) -> String) throws(ClientError) -> Result {
        let planned = Set(self.plan.files.map(\.name))
        var removals = self.sessionFiles.map(\.name).filter { !planned.contains($0) }
        var actions: [Action] = []
        for file in self.plan.files {
            let info = self.sessionFiles.first { $0.name == file.name }
            actions.append(try Self.action(for: file, info, localSHA256: localSHA256))
        }
        var notes: [String] = []
        let addsMetadata = zip(self.plan.files, actions).contains { file, action in
            action == .upload && ["mf", "cert"].contains(Self.fileExtension(file.name))
        }
        if addsMetadata {
            for (index, file) in self.plan.files.enumerated() where Self.fileExtension(file.name) == "ovf" {
                guard let info = self.sessionFiles.first(where: { $0.name == file.name }), info.sourceType != .none else { continue }
                removals.append(file.name)
                actions[index] = .upload
                notes.append(
                    "\(file.name) is sent again: the manifest or certificate must be added before the descriptor, which the earlier run already sent"
                )
            }
        }
        return Result(removals: removals, actions: actions, notes: notes)
    }

    /// The action for one planned file given its session file, if any.
    public static func action(
        for file: ImportPlan.File, _ info: SessionFileInfo?, localSHA256: (FileSlice) throws(ClientError) -> String
    ) throws(ClientError) -> Action {
        guard let info, info.sourceType != .none else { return .upload }
        let wanted: SourceType = file.pullURL == nil ? .push : .pull
        guard info.sourceType == wanted else { return .upload }
        switch info.status {
        case .ready:
            return try self.readyAction(for: file, info, localSHA256: localSHA256)
        case .transferring, .validating:
            guard wanted == .push, let source = file.source, let url = info.uploadEndpoint?.uri,
                info.bytesTransferred <= source.length, Self.same(file.checksum, info.checksumInfo)
            else { return .upload }
            // VALIDATING: every byte arrived; resuming at the end sends nothing and reads the digest locally.
            return .resume(offset: info.status == .validating ? source.length : info.bytesTransferred, url: url)
        case .waitingForTransfer, .error:
            return .upload
        }
    }

    /// A READY file is skipped only when its bytes are provably the local ones.
    private static func readyAction(
        for file: ImportPlan.File, _ info: SessionFileInfo, localSHA256: (FileSlice) throws(ClientError) -> String
    ) throws(ClientError) -> Action {
        if let size = file.size, let held = info.size, held != size { return .upload }
        guard let server = info.checksumInfo else { return .upload }
        if let declared = file.checksum, declared.effectiveAlgorithm == server.effectiveAlgorithm {
            guard declared.checksum.lowercased() == server.checksum.lowercased() else { return .upload }
            return .skip(reason: "\(server.effectiveAlgorithm.rawValue) from the manifest equals the server's")
        }
        guard server.effectiveAlgorithm == .sha256, let source = file.source else { return .upload }
        guard try localSHA256(source) == server.checksum.lowercased() else { return .upload }
        return .skip(reason: "the local SHA256 equals the server's")
    }

    /// Whether a declared checksum is the one the plan would declare (both absent counts).
    static func same(_ planned: ChecksumInfo?, _ declared: ChecksumInfo?) -> Bool {
        switch (planned, declared) {
        case (nil, nil): true
        case (let a?, let b?): a.effectiveAlgorithm == b.effectiveAlgorithm && a.checksum.lowercased() == b.checksum.lowercased()
        default: false
        }
    }

    /// The lower-case extension of a file name.
    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
