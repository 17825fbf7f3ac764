//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes text to a standard stream without buffering surprises between stdout and stderr.
struct FileStream: Sendable {
    private let descriptor: Int32

    /// Standard output.
    static let standardOutput = FileStream(descriptor: 1)
    /// Standard error.
    static let standardError = FileStream(descriptor: 2)

    /// Writes the text as UTF-8.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeMutableBytes { systemWrite(self.descriptor, $0.baseAddress! + written, $0.count - written) }
            if n <= 0 { return }
            written += n
        }
    }
}
