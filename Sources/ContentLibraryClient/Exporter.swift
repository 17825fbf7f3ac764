//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryAPI
import ContentLibraryAdapters
import ContentLibraryModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Runs one export: a download session on an item, every file prepared and downloaded with
/// progress, verified while it is written, into a folder or one `.ova`.
///
/// Each file is read once: the bytes go to disk and to the hasher of the server's checksum
/// together, and the file is refused (its partial copy deleted) when the digest differs. A
/// broken download resumes with `Range` from the bytes already written, guarded by `If-Range`
/// with the file's ETag so a changed file starts over. In a folder, a file is written as
/// `NAME.part` and renamed once verified: running the same command again skips the files
/// already there (after checking their digest) and continues a `.part` from its size. An `.ova`
/// is written as `DEST.part` (descriptor first, manifest next, as DSP0243 asks) and renamed at
/// the end; a new run writes it again.
public struct Exporter: Sendable {
    let options: ExportOptions
    let events: @Sendable (TransferEvent) -> Void

    /// Creates an exporter; `events` receives its progress.
    public init(options: ExportOptions, events: @escaping @Sendable (TransferEvent) -> Void) {
        self.options = options
        self.events = events
    }

    /// Runs the export; the download session is deleted at the end, whatever happened.
    public func run() async throws(ClientError) -> ExportResult {
        let transport = HTTPTransport()
        do {
            let result = try await self.export(transport)
            await transport.shutdown()
            return result
        } catch {
            await transport.shutdown()
            throw error
        }
    }

    private func export(_ transport: HTTPTransport) async throws(ClientError) -> ExportResult {
        let api = try await ContentLibraryAPI.login(
            server: self.options.server, user: self.options.user, password: self.options.password, transport: transport
        )
        let library = try await api.library(named: self.options.libraryName)
        guard let item = try await api.item(named: self.options.itemName, libraryID: library.id ?? "") else {
            await api.logout()
            throw .usage("the library \(self.options.libraryName) has no item named \(self.options.itemName)")
        }
        let sessionID = try await api.createDownloadSession(itemID: item.id ?? "")
        let keepAlive = SessionKeepAlive()
        do {
            let session = try await api.downloadSession(sessionID)
            keepAlive.start(interval: SessionKeepAlive.interval(until: session.expirationTime)) { try? await api.keepAlive(download: sessionID, progress: $0) }
            var files = try await api.downloadFiles(session: sessionID)
            if self.options.ova { files = Self.ovaOrder(files) }
            let total = files.reduce(Int64(0)) { $0 + ($1.size ?? 0) }
            self.events(.note("download session \(sessionID): \(files.count) file\(files.count == 1 ? "" : "s") of item \(item.name ?? "?"), content_version \(session.libraryItemContentVersion ?? "?") (\(total) bytes)"))
            let progress = Progress(total: total, keepAlive: keepAlive)
            if self.options.ova {
                try await self.writeOVA(files, api: api, transport: transport, session: sessionID, progress: progress)
            } else {
                try await self.writeFolder(files, api: api, transport: transport, session: sessionID, progress: progress)
            }
            keepAlive.stop()
            try? await api.deleteDownloadSession(sessionID)
            await api.logout()
            return ExportResult(
                item: item, contentVersion: session.libraryItemContentVersion ?? "", files: files.map { ($0.name, $0.size ?? 0) },
                destination: self.options.destination
            )
        } catch {
            keepAlive.stop()
            try? await api.deleteDownloadSession(sessionID)
            await api.logout()
            throw error
        }
    }

    // MARK: Destinations

    /// Every file into the destination folder, each verified as `NAME.part`, then renamed.
    private func writeFolder(
        _ files: [DownloadFileInfo], api: ContentLibraryAPI, transport: HTTPTransport, session: String, progress: Progress
    ) async throws(ClientError) {
        let folder = self.options.destination
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .usage("cannot create the folder \(folder): \(error.localizedDescription)")
        }
        for file in files {
            let path = folder + "/" + file.name
            let checksum = try Self.checksum(of: file)
            if let size = file.size, let existing = Self.existingDigest(at: path, size: size, algorithm: checksum.effectiveAlgorithm), existing == checksum.checksum {
                self.events(.note("\(file.name): already in \(folder) with the server's \(checksum.effectiveAlgorithm.rawValue), not downloaded again"))
                progress.add(size)
                continue
            }
            let part = path + ".part"
            let output = try FileOutput(path: part, keepingFirst: nil)
            try await self.download(file, api: api, transport: transport, session: session, into: output, at: 0, progress: progress)
            try output.close()
            try Self.rename(part, to: path)
        }
    }

    /// One `.ova`: for each file a tar header, its bytes and padding, then two zero blocks.
    private func writeOVA(
        _ files: [DownloadFileInfo], api: ContentLibraryAPI, transport: HTTPTransport, session: String, progress: Progress
    ) async throws(ClientError) {
        let path = self.options.destination
        let part = path + ".part"
        let output = try FileOutput(path: part, keepingFirst: 0)
        let now = Int64(Date().timeIntervalSince1970)
        for file in files {
            let size = file.size ?? 0
            try output.write(TarHeader.bytes(name: file.name, size: size, modified: now))
            try await self.download(file, api: api, transport: transport, session: session, into: output, at: output.position, progress: progress)
            try output.write([UInt8](repeating: 0, count: TarHeader.padding(after: size)))
        }
        try output.write([UInt8](repeating: 0, count: 2 * TarHeader.blockSize))
        try output.close()
        try Self.rename(part, to: path)
    }

    // MARK: One file

    /// Prepares `file`, then downloads it into `output` from its byte `start` on, hashing what is
    /// written, resuming a broken transfer with `Range`; refuses bytes that do not match.
    private func download(
        _ file: DownloadFileInfo, api: ContentLibraryAPI, transport: HTTPTransport, session: String, into output: FileOutput, at start: Int64,
        progress: Progress
    ) async throws(ClientError) {
        let checksum = try Self.checksum(of: file)
        let prepared = try await self.prepared(file.name, api: api, session: session)
        guard let uri = prepared.downloadEndpoint?.uri else { throw .exportFailed("\(file.name): the server gave no download URL") }
        let size = prepared.size ?? 0
        var hasher = StreamingHasher(checksum.effectiveAlgorithm)
        // A `.part` from an earlier run: hash what it holds and continue after it.
        var received: Int64 = 0
        if start == 0, output.position > 0, output.position <= size {
            received = output.position
            try output.rehash(into: &hasher)
            self.events(.note("\(file.name): continuing at byte \(received), which an earlier run wrote"))
        } else {
            try output.truncate(to: start)
        }
        progress.add(received)
        self.events(.fileStarted(name: file.name, size: size))
        self.events(.fileProgress(name: file.name, bytes: received, size: size))
        let etag = "\"" + checksum.checksum + "\""
        var failures = 0
        var complete = received == size && size > 0
        while !complete {
            var request = HTTPClientRequest(url: uri)
            if received > 0 {
                request.headers.add(name: "Range", value: "bytes=\(received)-")
                request.headers.add(name: "If-Range", value: etag)
            }
            let before = received
            do throws(ClientError) {
                try await transport.stream(request) { (status: Int, _headers: HTTPHeaders) throws(ClientError) in
                    switch status {
                    case 206 where received > 0:
                        break
                    case 200:
                        // The whole file (a first request, or the server ignored the range): start over.
                        if received > 0 {
                            try output.truncate(to: start)
                            progress.add(-received)
                            received = 0
                            hasher = StreamingHasher(checksum.effectiveAlgorithm)
                        }
                    default:
                        throw .exportFailed("\(file.name): the download URL answered HTTP \(status)")
                    }
                } chunk: { (buffer: ByteBuffer) throws(ClientError) in
                    try output.write(buffer)
                    buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                    received += Int64(buffer.readableBytes)
                    progress.add(Int64(buffer.readableBytes))
                    self.events(.fileProgress(name: file.name, bytes: received, size: size))
                }
                guard received >= size else {
                    throw ClientError.unreachable(url: HTTPTransport.origin(of: uri), reason: "the download ended early")
                }
                complete = true
            } catch {
                guard case .unreachable(_, let reason) = error else { throw error }
                failures = received > before ? 1 : failures + 1
                guard failures <= self.options.retry.maxRetries else {
                    throw .exportFailed("\(file.name): the download broke \(failures) times in a row (\(reason)); run the same command again to continue")
                }
                self.events(.fileResuming(name: file.name, attempt: failures, reason: reason))
                try? await Task.sleep(for: self.options.retry.delay(beforeAttempt: failures))
            }
        }
        guard received == size else { throw .exportFailed("\(file.name): \(received) bytes received for a file of \(size)") }
        let digest = hasher.finalize()
        guard digest == checksum.checksum else {
            try? output.close()
            try? output.remove()
            throw .exportFailed("\(file.name): the bytes received have \(checksum.effectiveAlgorithm.rawValue) \(digest), the server's is \(checksum.checksum)")
        }
        try output.sync()
        self.events(.fileFinished(name: file.name, size: size, verification: "\(checksum.effectiveAlgorithm.rawValue) verified against the server's"))
    }

    /// Prepares a file and polls it until PREPARED.
    private func prepared(_ name: String, api: ContentLibraryAPI, session: String) async throws(ClientError) -> DownloadFileInfo {
        var info = try await api.prepare(download: session, name: name)
        while true {
            switch info.status {
            case .prepared:
                return info
            case .error:
                throw .exportFailed("\(name): the server could not prepare it: \(info.errorMessage?.defaultMessage ?? "no reason given")")
            case .unprepared, .prepareRequested, .preparing:
                try? await Task.sleep(for: self.options.pollInterval)
                info = try await api.downloadFile(session: session, name: name)
            }
        }
    }

    // MARK: Helpers

    /// Puts a verified `.part` in place of `path`, replacing what was there.
    static func rename(_ part: String, to path: String) throws(ClientError) {
        do {
            try? FileManager.default.removeItem(atPath: path)
            try FileManager.default.moveItem(atPath: part, toPath: path)
        } catch {
            throw .usage("cannot rename \(part) to \(path): \(error.localizedDescription)")
        }
    }

    /// The checksum a file is verified against: the server's SHA-256 (or the algorithm it has).
    static func checksum(of file: DownloadFileInfo) throws(ClientError) -> ChecksumInfo {
        guard let checksum = file.checksumInfo else { throw .exportFailed("\(file.name): the server gave no checksum to verify it against") }
        return checksum
    }

    /// The digest of a complete file already at `path`, when its size is `size`.
    static func existingDigest(at path: String, size: Int64, algorithm: ChecksumAlgorithm) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), (attributes[.size] as? Int64 ?? -1) == size,
            let output = try? FileOutput(path: path, keepingFirst: nil)
        else { return nil }
        var hasher = StreamingHasher(algorithm)
        defer { try? output.close() }
        guard (try? output.rehash(into: &hasher)) != nil else { return nil }
        return hasher.finalize()
    }

    /// The order of an OVA (DSP0243 §5.3): the descriptor first, the manifest next, then the
    /// certificate, then the other files in the item's order.
    static func ovaOrder(_ files: [DownloadFileInfo]) -> [DownloadFileInfo] {
        func rank(_ name: String) -> Int {
            switch (name as NSString).pathExtension.lowercased() {
            case "ovf": 0
            case "mf": 1
            case "cert": 2
            default: 3
            }
        }
        return files.enumerated().sorted { (rank($0.element.name), $0.offset) < (rank($1.element.name), $1.offset) }.map(\.element)
    }
}

/// The bytes moved across every file, for the keep-alive's progress percentage.
private final class Progress {
    let total: Int64
    let keepAlive: SessionKeepAlive
    private var done: Int64 = 0

    init(total: Int64, keepAlive: SessionKeepAlive) {
        self.total = total
        self.keepAlive = keepAlive
    }

    func add(_ bytes: Int64) {
        self.done += bytes
        if self.total > 0 { self.keepAlive.report(percent: self.done * 100 / self.total) }
    }
}
