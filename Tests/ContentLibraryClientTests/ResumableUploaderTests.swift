//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
@testable import ContentLibraryClient
import ContentLibraryModel
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// The uploader against a small fake upload endpoint: the offset protocol (409 and
/// `Content-Range`), error answers, and giving up on a dead server.
@Suite struct ResumableUploaderTests {
    /// What the fake endpoint saw: the `Content-Range` of each PUT (`-` for none) and the bytes kept.
    final class Endpoint: Sendable {
        let ranges = Mutex<[String]>([])
        let kept = Mutex<[UInt8]>([])
        /// How many more HEADs answer that another upload still runs (`Upload-Active: ?1`).
        let busyHeads = Mutex<Int>(0)
        /// Every HEAD and PUT in order: `HEAD ?1`, `HEAD ?0`, `PUT`.
        let log = Mutex<[String]>([])
    }

    /// 3 MB of varying bytes, so any misplaced range changes the digest.
    private let data: [UInt8] = (0..<3_000_000).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ ($0 >> 9)) }

    /// Runs `body` with the URL of a fake endpoint that claims to already hold the first
    /// `held` bytes: a PUT must carry `Content-Range` from there (a plain PUT only when it holds
    /// nothing), else it is answered 409 with `Upload-Offset`.
    private func withEndpoint(held: Int, busyHeads: Int = 0, _ body: @Sendable (String, Endpoint) async throws -> Void) async throws {
        let endpoint = Endpoint()
        endpoint.busyHeads.withLock { $0 = busyHeads }
        let data = self.data
        endpoint.kept.withLock { $0 = Array(data[..<held]) }
        let router = Router()
        router.put("u") { request, _ -> Response in
            let range = request.headers[.contentRange]
            var buffer = try await request.body.collect(upTo: .max)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            endpoint.ranges.withLock { $0.append(range ?? "-") }
            endpoint.log.withLock { $0.append("PUT") }
            let have = endpoint.kept.withLock { $0.count }
            // A plain PUT is a whole body, taken only by an empty file; a ranged one must start at the offset.
            let accepted = range.map { $0 == "bytes \(have)-\(data.count - 1)/\(data.count)" } ?? (have == 0)
            guard accepted else {
                return Response(status: .conflict, headers: [HTTPField.Name("Upload-Offset")!: String(have)])
            }
            endpoint.kept.withLock { $0 += bytes }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"READY"}"#)))
        }
        router.head("u") { _, _ -> Response in
            let active = endpoint.busyHeads.withLock { busy in
                defer { busy = max(0, busy - 1) }
                return busy > 0
            }
            endpoint.log.withLock { $0.append(active ? "HEAD ?1" : "HEAD ?0") }
            let have = endpoint.kept.withLock { $0.count }
            return Response(status: .ok, headers: [HTTPField.Name("Upload-Offset")!: String(have), HTTPField.Name("Upload-Active")!: active ? "?1" : "?0"])
        }
        router.put("refuse") { request, _ -> Response in
            _ = try await request.body.collect(upTo: .max)
            let body = #"{"error_type":"INVALID_ARGUMENT","messages":[{"id":"checksum","default_message":"f.bin: the SHA256 checksum is wrong.","args":[]}]}"#
            return Response(status: .badRequest, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(try #require(client.port))", endpoint)
        }
    }

    @Test func aConflictMovesTheUploadToTheServersOffsetAndTheDigestStillCoversTheWholeFile() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("f.bin", self.data)
        let data = self.data
        let reached = Mutex<Int64>(0)
        try await self.withEndpoint(held: 1_234_567) { base, endpoint in
            let transport = HTTPTransport()
            let outcome: ResumableUploader.Outcome
            do {
                outcome = try await ResumableUploader(transport: transport).upload(
                    FileSlice(path: path, length: Int64(data.count)), to: base + "/u", digest: .sha256,
                    progress: { bytes in reached.withLock { $0 = max($0, bytes) } }
                )
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
            #expect(endpoint.ranges.withLock { $0 } == ["-", "bytes 1234567-2999999/3000000"])
            #expect(endpoint.kept.withLock { $0 } == data)
            #expect(outcome.digest == StreamingHasher.digest(data, algorithm: .sha256))
            #expect(outcome.resumes == 0)
        }
        #expect(reached.withLock { $0 } == Int64(self.data.count))
    }

    @Test func anUploadAnEarlierRunBeganContinuesAtItsOffsetAndTheDigestCoversTheWholeFile() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("f.bin", self.data)
        let data = self.data
        try await self.withEndpoint(held: 2_000_001) { base, endpoint in
            let transport = HTTPTransport()
            let outcome: ResumableUploader.Outcome
            do {
                outcome = try await ResumableUploader(transport: transport).upload(
                    FileSlice(path: path, length: Int64(data.count)), to: base + "/u", from: 2_000_001, digest: .sha256, progress: { _ in }
                )
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
            // One ranged PUT from the offset: the prefix was read locally for the digest, not sent.
            #expect(endpoint.ranges.withLock { $0 } == ["bytes 2000001-2999999/3000000"])
            #expect(endpoint.kept.withLock { $0 } == data)
            #expect(outcome.digest == StreamingHasher.digest(data, algorithm: .sha256))
        }
    }

    @Test func aResumeWaitsWhileTheServerStillReadsAnotherUploadInsteadOfSendingABody() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("f.bin", self.data)
        let data = self.data
        try await self.withEndpoint(held: 1_000_000, busyHeads: 2) { base, endpoint in
            let transport = HTTPTransport()
            let policy = RetryPolicy(maxRetries: 5, initialDelay: .milliseconds(10), maxDelay: .milliseconds(40))
            do {
                _ = try await ResumableUploader(transport: transport, policy: policy).upload(
                    FileSlice(path: path, length: Int64(data.count)), to: base + "/u", from: 1_000_000, digest: .sha256, progress: { _ in }
                )
            } catch {
                await transport.shutdown()
                throw error
            }
            await transport.shutdown()
            // No body went out while the server said another upload ran.
            #expect(endpoint.log.withLock { $0 } == ["HEAD ?1", "HEAD ?1", "HEAD ?0", "PUT"])
            #expect(endpoint.kept.withLock { $0 } == data)
        }
    }

    @Test func aSliceInTheMiddleOfAFileIsSentAlone() async throws {
        let folder = try TemporaryFolder()
        let padded: [UInt8] = Array(repeating: 0xAA, count: 1000) + self.data + Array(repeating: 0xBB, count: 77)
        let path = try folder.write("archive.ova", padded)
        let data = self.data
        try await self.withEndpoint(held: 0) { base, endpoint in
            let transport = HTTPTransport()
            let outcome = try? await ResumableUploader(transport: transport).upload(
                FileSlice(path: path, offset: 1000, length: Int64(data.count)), to: base + "/u", digest: .sha256, progress: { _ in }
            )
            await transport.shutdown()
            #expect(endpoint.ranges.withLock { $0 } == ["-"])
            #expect(endpoint.kept.withLock { $0 } == data)
            #expect(outcome?.digest == StreamingHasher.digest(data, algorithm: .sha256))
        }
    }

    @Test func theServersRefusalIsAnAPIErrorWithItsMessage() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("f.bin", Array(self.data[..<1000]))
        try await self.withEndpoint(held: 0) { base, _ in
            let transport = HTTPTransport()
            var caught: ClientError?
            do throws(ClientError) {
                _ = try await ResumableUploader(transport: transport).upload(
                    FileSlice(path: path, length: 1000), to: base + "/refuse", digest: nil, progress: { _ in }
                )
            } catch {
                caught = error
            }
            await transport.shutdown()
            guard case .api(_, 400, let error) = caught else {
                Issue.record("expected an API error, got \(String(describing: caught))")
                return
            }
            #expect(error.messages.map(\.defaultMessage) == ["f.bin: the SHA256 checksum is wrong."])
        }
    }

    @Test func aDeadServerIsGivenUpAfterTheRetries() async throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("f.bin", [1, 2, 3])
        let transport = HTTPTransport(connectTimeout: .seconds(2))
        let resumes = Mutex<[Int]>([])
        var caught: ClientError?
        do throws(ClientError) {
            // Port 9 on loopback (discard) is closed on test machines: every connection is refused.
            _ = try await ResumableUploader(transport: transport, policy: RetryPolicy(maxRetries: 2, initialDelay: .milliseconds(10))).upload(
                FileSlice(path: path, length: 3), to: "http://127.0.0.1:9/u", digest: .sha256, progress: { _ in },
                resuming: { resume in resumes.withLock { $0.append(resume.attempt) } }
            )
        } catch {
            caught = error
        }
        await transport.shutdown()
        #expect(resumes.withLock { $0 } == [1, 2])
        guard case .unreachable(let url, let reason) = caught else {
            Issue.record("expected unreachable, got \(String(describing: caught))")
            return
        }
        #expect(url == "http://127.0.0.1:9")
        #expect(reason.contains("3 times"))
    }
}
