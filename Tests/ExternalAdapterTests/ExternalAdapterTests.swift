//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import ExternalAdapter
import Foundation
import Testing

@Suite struct ExternalAdapterTests {
    let folder: ScriptFolder
    let content: LocalContentView

    init() throws {
        self.folder = try ScriptFolder()
        let path = try self.folder.file("notes.txt", "hello\n")
        self.content = LocalContentView(entries: [
            .init(file: ContentFile(name: "notes.txt", size: 6, knownDigests: [.sha256: "abc"], declaredSize: 6), path: path)
        ])
    }

    func rules(_ report: ValidationReport) -> [String] { report.findings.map(\.ruleID) }

    @Test func aReportIsReadWithTheSameFindingModel() async throws {
        let adapter = try self.folder.adapter(#"""
            cat > /dev/null
            echo '{"protocol_version":1,"findings":[
              {"rule_id":"T-1","severity":"error","file":"notes.txt","line":2,"column":3,"message":"bad","args":["x"]},
              {"rule_id":"T-2","severity":"warning","file":"notes.txt","message":"hm","warning_type":"TEST_WARNING"},
              {"rule_id":"T-3","severity":"error","file":"other.txt","message":"absent","missing_file":true},
              {"rule_id":"T-4","severity":"info","file":null,"message":"note"}]}'
            """#)
        let report = await adapter.validate(self.content, options: ValidationOptions())
        #expect(self.rules(report) == ["T-1", "T-2", "T-3", "T-4"])
        #expect(report.findings[0] == .error("T-1", file: "notes.txt", line: 2, column: 3, "bad", args: ["x"]))
        #expect(report.findings[1].warningType == "TEST_WARNING")
        #expect(report.missingFiles == ["other.txt"])
        #expect(report.invalidFiles.map(\.name) == ["notes.txt"])
    }

    @Test func theRequestCarriesFilesPathsAndDigestsInACleanEnvironmentAndATemporaryFolder() async throws {
        let out = self.folder.path
        let adapter = try self.folder.adapter("""
            cat > '\(out)/request.json'
            env > '\(out)/env.txt'
            pwd > '\(out)/pwd.txt'
            touch scratch
            echo '{"protocol_version":1,"findings":[]}'
            """)
        let report = await adapter.validate(self.content, options: ValidationOptions(descriptorOnly: true))
        #expect(report.findings.isEmpty)
        let request = try JSONDecoder().decode(
            ExternalAdapterProtocol.Request.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/request.json"))
        )
        #expect(request.protocolVersion == 1)
        #expect(request.itemType == "test")
        #expect(request.options.descriptorOnly)
        #expect(request.files.map(\.name) == ["notes.txt"])
        #expect(request.files[0].path == self.content.localPath(of: "notes.txt"))
        #expect(request.files[0].size == 6)
        #expect(request.files[0].digests == ["SHA256": "abc"])
        let environment = try String(contentsOfFile: out + "/env.txt", encoding: .utf8)
        let names = Set(environment.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(names.isSubset(of: ["PATH", "HOME", "TMPDIR", "LANG", "PWD", "SHLVL", "_", "OLDPWD"]), "\(names)")
        #expect(environment.contains("PATH=/usr/bin:/bin\n"))
        let workingFolder = try String(contentsOfFile: out + "/pwd.txt", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(workingFolder.contains("content-library-adapter-"))
        #expect(!FileManager.default.fileExists(atPath: workingFolder), "the working folder is removed after the run")
    }

    @Test func contentWithoutLocalPathsIsCopiedIntoTheWorkingFolder() async throws {
        let out = self.folder.path
        let adapter = try self.folder.adapter("""
            cat > '\(out)/request.json'
            sed -n 's/.*"path":"\\([^"]*\\)".*/\\1/p' '\(out)/request.json' | xargs cat > '\(out)/copied.txt'
            echo '{"protocol_version":1,"findings":[]}'
            """)
        let view = SlicedContentView(base: self.content, slices: [.init(name: "inner.txt", baseName: "notes.txt", offset: 1, size: 4)])
        let report = await adapter.validate(view, options: ValidationOptions())
        #expect(report.findings.isEmpty)
        #expect(try String(contentsOfFile: out + "/copied.txt", encoding: .utf8) == "ello")
    }

    @Test func aTimeOutIsAnErrorNamingTheAdapter() async throws {
        let adapter = try self.folder.adapter("sleep 120", timeout: 0.5)
        let report = await adapter.validate(self.content, options: ValidationOptions())
        // EXT-001 can only come from the runner stopping the program: left alone, it would end
        // after two minutes with no finding. (No timed assertion: the proof is the finding.)
        #expect(self.rules(report) == ["EXT-001"])
        #expect(report.findings[0].message.defaultMessage.contains("'test'"))
        #expect(report.findings[0].message.defaultMessage.contains("time limit"))
    }

    /// The time-out asks with SIGTERM before it kills: a program that handles it gets to clean up,
    /// even though the server ignores SIGTERM itself (ServiceLifecycle does) and SIGPIPE.
    @Test func aProgramThatHandlesSIGTERMReceivesItAtTheTimeOut() async throws {
        let marker = self.folder.path + "/terminated"
        let previous = signal(SIGTERM, SIG_IGN)
        defer { _ = signal(SIGTERM, previous) }
        let adapter = try self.folder.adapter("""
            trap 'echo cleaned > "\(marker)"; exit 0' TERM
            while :; do sleep 0.05; done
            """, timeout: 0.5)
        let report = await adapter.validate(self.content, options: ValidationOptions())
        #expect(self.rules(report) == ["EXT-001"])
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "cleaned\n")
    }

    /// A file named by a path relative to the caller's folder reaches the program as an absolute
    /// path, since the program runs in a working folder of its own.
    @Test func relativePathsReachTheProgramAbsolute() async throws {
        let out = self.folder.path
        let here = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: here) + String(out.dropFirst()) + "/notes.txt"
        let content = LocalContentView(entries: [.init(file: ContentFile(name: "notes.txt", size: 6), path: relative)])
        let adapter = try self.folder.adapter("""
            cat > '\(out)/request.json'
            sed -n 's/.*"path":"\\([^"]*\\)".*/\\1/p' '\(out)/request.json' | xargs cat > '\(out)/read.txt'
            echo '{"protocol_version":1,"findings":[]}'
            """)
        #expect(await adapter.validate(content, options: ValidationOptions()).findings.isEmpty)
        let request = try JSONDecoder().decode(
            ExternalAdapterProtocol.Request.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/request.json"))
        )
        #expect(request.files[0].path.hasPrefix("/"))
        #expect(try String(contentsOfFile: out + "/read.txt", encoding: .utf8) == "hello\n")
    }

    @Test func aCrashIsAnError() async throws {
        let report = try await self.folder.adapter("kill -SEGV $$").validate(self.content, options: ValidationOptions())
        #expect(self.rules(report) == ["EXT-002"])
        #expect(report.hasErrors)
    }

    @Test func aNonZeroExitIsAnErrorEvenWithAReport() async throws {
        let adapter = try self.folder.adapter(#"echo '{"protocol_version":1,"findings":[]}'; exit 3"#)
        let report = await adapter.validate(self.content, options: ValidationOptions())
        #expect(self.rules(report) == ["EXT-003"])
        #expect(report.findings[0].message.defaultMessage.contains("status 3"))
    }

    @Test(arguments: [
        "echo not json",
        "true",
        #"echo '{"protocol_version":2,"findings":[]}'"#,
        #"echo '{"protocol_version":1}'"#,
    ])
    func malformedOutputIsAnError(body: String) async throws {
        let report = try await self.folder.adapter(body).validate(self.content, options: ValidationOptions())
        #expect(self.rules(report) == ["EXT-004"])
    }

    @Test func aBadSeverityIsAnError() async throws {
        let adapter = try self.folder.adapter(#"echo '{"protocol_version":1,"findings":[{"rule_id":"X","severity":"fatal","message":"m"}]}'"#)
        #expect(self.rules(await adapter.validate(self.content, options: ValidationOptions())) == ["EXT-004"])
    }

    @Test func tooMuchOutputIsAnError() async throws {
        let adapter = try self.folder.adapter("head -c 5000000 /dev/zero", maxOutputBytes: 1000)
        #expect(self.rules(await adapter.validate(self.content, options: ValidationOptions())) == ["EXT-005"])
    }

    @Test func aMissingProgramIsAnError() async throws {
        let adapter = ExternalAdapter(.init(type: "test", description: "", vendor: "", version: "", command: self.folder.path + "/absent"))
        #expect(self.rules(await adapter.validate(self.content, options: ValidationOptions())) == ["EXT-006"])
    }

    @Test func warningsMustCarryADeclaredType() async throws {
        let adapter = try self.folder.adapter(#"""
            echo '{"protocol_version":1,"findings":[
              {"rule_id":"W","severity":"warning","file":"notes.txt","message":"m","warning_type":"UNDECLARED"},
              {"rule_id":"W","severity":"warning","file":"notes.txt","message":"m"}]}'
            """#)
        let report = await adapter.validate(self.content, options: ValidationOptions())
        #expect(self.rules(report) == ["EXT-007", "EXT-007"])
        #expect(report.findings[0].message.defaultMessage.contains("UNDECLARED"))
    }

    @Test func standardErrorNeverReachesTheReport() async throws {
        let adapter = try self.folder.adapter(#"echo 'secret diagnostics' >&2; echo '{"protocol_version":1,"findings":[]}'"#)
        let report = await adapter.validate(self.content, options: ValidationOptions())
        #expect(report.findings.isEmpty)
        let failing = try self.folder.adapter("echo 'secret diagnostics' >&2; exit 1")
        let failed = await failing.validate(self.content, options: ValidationOptions())
        #expect(self.rules(failed) == ["EXT-003"])
        #expect(!failed.findings.contains { $0.message.defaultMessage.contains("secret") })
    }

    @Test func aProgramThatIgnoresItsInputStillRuns() async throws {
        let big = try self.folder.file("big.bin", String(repeating: "x", count: 10))
        var entries: [LocalContentView.Entry] = []
        for index in 0..<3000 { entries.append(.init(file: ContentFile(name: "file-\(index)-" + String(repeating: "n", count: 40), size: 10), path: big)) }
        let adapter = try self.folder.adapter(#"echo '{"protocol_version":1,"findings":[]}'"#)
        let report = await adapter.validate(LocalContentView(entries: entries), options: ValidationOptions())
        #expect(report.findings.isEmpty)
    }

    @Test func aSessionRefusalVetoesSessionCreation() throws {
        let adapter = ExternalAdapter(.init(type: "frozen", description: "", vendor: "", version: "", command: "/bin/true", sessionRefusal: "this type is read-only"))
        #expect(throws: APIError.self) { try adapter.checkSessionCreate(itemID: "item") }
        do {
            try adapter.checkSessionCreate(itemID: "item")
        } catch {
            #expect(error.kind == .unsupported)
            #expect(error.messages[0].defaultMessage.contains("read-only"))
        }
        let open = ExternalAdapter(.init(type: "open", description: "", vendor: "", version: "", command: "/bin/true"))
        #expect(throws: Never.self) { try open.checkSessionCreate(itemID: "item") }
    }
}
