//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryCLI
import ContentLibraryClient
import ContentLibraryModel
import Synchronization
import Testing

@Suite struct ProgressRendererTests {
    final class Output: Sendable {
        let text = Mutex("")
        var value: String { self.text.withLock { $0 } }
        func write(_ chunk: String) { self.text.withLock { $0 += chunk } }
    }

    private func feed(_ renderer: ProgressRenderer) {
        let file = ImportPlan.File(name: "disk.vmdk", source: FileSlice(path: "/x", length: 1000))
        renderer.handle(.started(sessionID: "s", files: [file], totalBytes: 1000))
        renderer.handle(.fileStarted(name: "disk.vmdk", size: 1000))
        for bytes in stride(from: 50, through: 1000, by: 50) {
            renderer.handle(.fileProgress(name: "disk.vmdk", bytes: Int64(bytes), size: 1000))
        }
        renderer.handle(.fileResuming(name: "disk.vmdk", attempt: 1, reason: "the server closed the connection"))
        renderer.handle(.fileFinished(name: "disk.vmdk", size: 1000, verification: "SHA256 verified"))
    }

    @Test func plainModeWritesStartEndAndOneLinePerTenPercent() {
        let output = Output()
        self.feed(ProgressRenderer(mode: .plain, write: { output.write($0) }))
        let lines = output.value.split(separator: "\n").map(String.init)
        #expect(lines.first == "update session s: sending 1 file (1000 B)")
        #expect(lines.contains("disk.vmdk: started (1000 B)"))
        #expect(lines.filter { $0.hasPrefix("disk.vmdk: ") && $0.contains("% (") }.count == 9)  // 10% … 90%
        #expect(lines.contains("disk.vmdk: connection lost (the server closed the connection); resuming, try 1"))
        #expect(lines.last?.hasPrefix("disk.vmdk: done, 1000 B in 0:00") == true)
        #expect(lines.last?.hasSuffix("; SHA256 verified") == true)
        #expect(!output.value.contains("\u{1B}"))
        #expect(!output.value.contains("\r"))
    }

    @Test func aPullSaysTheServerFetches() {
        let output = Output()
        let renderer = ProgressRenderer(mode: .plain, write: { output.write($0) })
        let file = ImportPlan.File(name: "a.iso", source: nil, pullURL: "http://h/a.iso")
        renderer.handle(.started(sessionID: "s1", files: [file], totalBytes: 0))
        renderer.handle(.fileStarted(name: "a.iso", size: nil))
        renderer.handle(.fileProgress(name: "a.iso", bytes: 10, size: nil))
        #expect(output.value == "update session s1: the server pulls 1 file\na.iso: started\n")
    }

    @Test func terminalModeRedrawsInPlaceAndClearsAtTheEnd() {
        let output = Output()
        let renderer = ProgressRenderer(mode: .terminal(columns: 80), write: { output.write($0) })
        self.feed(renderer)
        renderer.finish()
        #expect(output.value.contains("\r\u{1B}[K"))
        #expect(output.value.contains("total "))
        #expect(output.value.contains("disk.vmdk: done"))
        #expect(output.value.contains("\u{1B}[1A"))  // two bar lines (file, total) are redrawn together
        #expect(output.value.hasSuffix("SHA256 verified\n"))  // no bar is left after the last file
    }

    @Test func validationProblemsAndWarningsAreListed() {
        let output = Output()
        let renderer = ProgressRenderer(mode: .plain, write: { output.write($0) })
        renderer.handle(.validationFailed(ValidationResult(
            hasErrors: true, missingFiles: ["disk2.vmdk"],
            invalidFiles: [ValidationError(name: "pkg.ovf", errorMessage: LocalizableMessage(id: "x", defaultMessage: "pkg.ovf: bad."))]
        )))
        renderer.handle(.blockingWarnings([PreviewWarning(type: .selfSignedCertificate, message: LocalizableMessage(id: "y", defaultMessage: "self-signed"), ignored: false)]))
        #expect(output.value.contains("  missing: disk2.vmdk\n"))
        #expect(output.value.contains("  invalid: pkg.ovf: pkg.ovf: bad.\n"))
        #expect(output.value.contains("  warning SELF_SIGNED_CERTIFICATE: self-signed\n"))
    }
}
