//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Testing

@testable import ContentLibraryServer

/// The `Range` and `If-Range` rules of the download URL (RFC 9110 §14), on a 1000-byte file.
@Suite struct ByteRangeRequestTests {
    static let etag = "\"abc\""

    static func request(_ range: String?, ifRange: String? = nil, size: Int64 = 1000) -> ByteRangeRequest {
        ByteRangeRequest(range: range, ifRange: ifRange, size: size, etag: Self.etag)
    }

    @Test(arguments: [
        ("bytes=0-0", 0..<1), ("bytes=10-19", 10..<20), ("bytes=990-", 990..<1000), ("bytes=-10", 990..<1000),
        ("bytes=-5000", 0..<1000), ("bytes=500-99999", 500..<1000), (" bytes=1-2 ", 1..<3), ("BYTES=1-2", 1..<3),
    ] as [(String, Range<Int64>)])
    func oneRangeIsPartial(header: String, range: Range<Int64>) {
        #expect(Self.request(header) == .partial(range))
    }

    @Test(arguments: ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
    func aRangeOutsideTheFileIsUnsatisfiable(header: String) {
        #expect(Self.request(header) == .unsatisfiable)
    }

    @Test(arguments: [nil, "bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=a-b", "bytes=1", "bytes=+1-2", "bytes=--1"] as [String?])
    func anythingElseIsTheWholeFile(header: String?) {
        #expect(Self.request(header) == .whole)
    }

    @Test func ifRangeKeepsTheRangeOnlyForTheSameETag() {
        #expect(Self.request("bytes=10-", ifRange: Self.etag) == .partial(10..<1000))
        #expect(Self.request("bytes=10-", ifRange: "\"other\"") == .whole)
        #expect(Self.request("bytes=10-", ifRange: "Wed, 21 Oct 2015 07:28:00 GMT") == .whole)
    }

    @Test func anEmptyFileHasNoSatisfiableRange() {
        #expect(Self.request("bytes=0-", size: 0) == .unsatisfiable)
        #expect(Self.request("bytes=-1", size: 0) == .unsatisfiable)
        #expect(Self.request(nil, size: 0) == .whole)
    }
}
