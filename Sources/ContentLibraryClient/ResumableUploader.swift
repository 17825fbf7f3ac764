//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one file to its upload URL, resuming after a broken connection from the offset the
/// server reports, so bytes the server already has are never sent again.
///
/// The protocol: the first attempt is a plain `PUT` of the whole body. When the connection
/// breaks, `HEAD <url>` answers `Upload-Offset: N` (bytes received so far), and the next
/// attempt is a `PUT` with `Content-Range: bytes N-(total-1)/total` carrying the rest. A `409`
/// answer means the server is elsewhere; its `Upload-Offset` header says where, and the next
/// attempt starts there. A server that does not answer HEAD with an offset gets the whole file
/// again, which is all it can take.
///
/// When a digest is asked for, it is computed while reading for sending (one read of the file),
/// and kept right across resumes by ResumableDigest.
public struct ResumableUploader: Sendable {
    /// What happened to one upload.
    public struct Outcome: Hashable, Sendable {
        /// The digest of the file's bytes, when one was asked for.
        public var digest: String?
        /// How many times the upload was resumed.
        public var resumes: Int
    }

    /// A resume about to happen, for the user's information.
    public struct Resume: Hashable, Sendable {
        /// Which try this is (1 for the first resume).
        public var attempt: Int
        /// Why the previous attempt ended.
        public var reason: String
        /// How long the uploader waits first.
        public var delay: Duration
    }

    let transport: HTTPTransport
    let policy: RetryPolicy
    /// The most `409` answers before giving up. A server answers 409 while it still reads a
    /// broken attempt, until it notices the connection is gone; with the policy's doubling
    /// waits (capped at its `maxDelay`) this gives it a couple of minutes.
    static let maxConflicts = 10

    /// Creates an uploader.
    public init(transport: HTTPTransport, policy: RetryPolicy = RetryPolicy()) {
        self.transport = transport
        self.policy = policy
    }

    /// Uploads `slice` to `url`.
    /// - Parameters:
    ///   - start: where the server's copy ends, for an upload an earlier run began (0: send it
    ///     all). The bytes before it are read locally for the digest, not sent.
    ///   - digest: the algorithm to compute while sending, or `nil`.
    ///   - progress: called with the byte offset reached after each chunk handed to the connection.
    ///   - resuming: called before each resume.
    /// - Throws: `ClientError.unreachable` when every try failed; `.api` when the server refused the
    ///   upload (its message says why, e.g. a checksum mismatch); `.importFailed` for local read errors.
    public func upload(
        _ slice: FileSlice, to url: String, from start: Int64 = 0, digest: ChecksumAlgorithm?,
        progress: @escaping @Sendable (Int64) -> Void, resuming: @escaping @Sendable (Resume) -> Void = { _ in }
    ) async throws(ClientError) -> Outcome {
        let reader = try SliceReader(slice)
        let tally = SliceBody.Tally(digest: digest.map { ResumableDigest($0) }, progress: progress)
        let total = slice.length
        var offset = min(max(0, start), total)
        if offset > 0 {
            // An earlier run's upload may still be read by the server: wait for it to end.
            offset = try await self.idleOffset(url, total: total) ?? offset
        }
        var failures = 0
        var conflicts = 0
        var resumes = 0
        var failedAt: Int64 = -1
        while true {
            try tally.prepareDigest(at: offset, reader: reader)
            if offset == total && total > 0 {
                // The server has every byte (the answer to the last one was lost); the caller
                // reads the file's status from the API.
                return Outcome(digest: tally.finalDigest(length: total), resumes: resumes)
            }
            let reply: HTTPTransport.Reply
            do throws(ClientError) {
                reply = try await self.put(reader, from: offset, total: total, to: url, tally: tally)
                // The server may not have noticed yet that the broken attempt (or the earlier
                // run's) is over: it still counts that upload as running. That passes; it is retried like a broken connection.
                if resumes > 0 || start > 0, !(200..<300).contains(reply.status),
                    case .api(_, _, let error) = ContentLibraryAPI.failure(reply, operation: "upload"), error.kind == .resourceBusy
                {
                    throw ClientError.unreachable(url: HTTPTransport.origin(of: url), reason: "the server still finishes the broken attempt")
                }
            } catch {
                guard case .unreachable(_, let reason) = error else { throw error }
                var why = reason
                while true {
                    if offset > failedAt { failures = 0 }  // progress since the last failure: a fresh count
                    failedAt = max(failedAt, offset)
                    failures += 1
                    guard failures <= self.policy.maxRetries else {
                        throw ClientError.unreachable(
                            url: HTTPTransport.origin(of: url),
                            reason: "the upload failed \(failures) times in a row at byte \(offset) of \(total); last: \(why)"
                        )
                    }
                    let delay = self.policy.delay(beforeAttempt: failures)
                    resuming(Resume(attempt: failures, reason: why, delay: delay))
                    try? await Task.sleep(for: delay)
                    do throws(ClientError) {
                        offset = try await self.idleOffset(url, total: total) ?? 0
                        break
                    } catch {
                        guard case .unreachable(_, let reason) = error else { throw error }
                        why = reason
                    }
                }
                resumes += 1
                progress(offset)
                continue
            }
            switch reply.status {
            case 200..<300:
                return Outcome(digest: tally.finalDigest(length: total), resumes: resumes)
            case 409:
                // The server holds another offset (or still reads a broken attempt): move to its
                // offset after a short wait, which lets a piece still arriving settle.
                conflicts += 1
                guard conflicts <= Self.maxConflicts, let next = Self.offsetHeader(reply.headers), (0...total).contains(next) else {
                    throw ContentLibraryAPI.failure(reply, operation: "upload")
                }
                offset = ((try? await self.idleOffset(url, total: total)) ?? nil) ?? next
                progress(offset)
            default:
                throw ContentLibraryAPI.failure(reply, operation: "upload")
            }
        }
    }

    /// One attempt: the bytes from `offset` to the end, as a plain PUT from 0 or a ranged PUT after.
    private func put(_ reader: SliceReader, from offset: Int64, total: Int64, to url: String, tally: SliceBody.Tally) async throws(ClientError) -> HTTPTransport.Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .PUT
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        if offset > 0 {
            request.headers.add(name: "Content-Range", value: "bytes \(offset)-\(total - 1)/\(total)")
        }
        request.body = .stream(SliceBody(reader: reader, start: offset, tally: tally), length: .known(total - offset))
        return try await self.transport.send(request, deadline: .distantFuture)
    }

    /// `HEAD <url>` until the server reads no other upload of the file (`Upload-Active: ?1` means
    /// it has not yet seen a broken attempt end), then its `Upload-Offset`. Waiting here costs a
    /// few small requests; a ranged PUT sent meanwhile would carry its whole body only to be refused.
    /// - Returns: the offset, `nil` when the server does not say (a server without resume).
    /// - Throws: `.unreachable` when the server cannot be asked.
    private func idleOffset(_ url: String, total: Int64) async throws(ClientError) -> Int64? {
        var wait = 0
        while true {
            let (offset, active) = try await self.serverOffset(url, total: total)
            wait += 1
            guard active, wait <= Self.maxConflicts else { return offset }
            try? await Task.sleep(for: self.policy.delay(beforeAttempt: wait))
        }
    }

    /// `HEAD <url>`: the server's `Upload-Offset` (`nil` when it does not say: a server without
    /// resume) and whether an upload of the file still runs there.
    /// - Throws: `.unreachable` when it cannot be asked.
    private func serverOffset(_ url: String, total: Int64) async throws(ClientError) -> (offset: Int64?, active: Bool) {
        var request = HTTPClientRequest(url: url)
        request.method = .HEAD
        let reply = try await self.transport.send(request, deadline: .now() + .seconds(60))
        guard (200..<300).contains(reply.status), let offset = Self.offsetHeader(reply.headers), (0...total).contains(offset) else {
            return (nil, false)
        }
        let active = reply.headers.first(name: "Upload-Active")?.trimmingCharacters(in: .whitespaces) == "?1"
        return (offset, active)
    }

    /// The `Upload-Offset` header as a number.
    static func offsetHeader(_ headers: HTTPHeaders) -> Int64? {
        headers.first(name: "Upload-Offset").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }
}
