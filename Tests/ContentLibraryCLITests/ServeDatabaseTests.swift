//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryCLI
import Foundation
import Testing

/// `serve --database`: where the URL comes from, and the messages (never a crash) when it
/// carries a password, is malformed, or names a server that does not answer.
@Suite struct ServeDatabaseTests {
    @Test func theFlagWinsOverTheEnvironment() {
        let environment = ["CONTENT_LIBRARY_DATABASE_URL": "postgres://env@h/db"]
        #expect(ServeCommand.databaseURL(flag: "postgres://flag@h/db", environment: environment) == "postgres://flag@h/db")
        #expect(ServeCommand.databaseURL(flag: nil, environment: environment) == "postgres://env@h/db")
        #expect(ServeCommand.databaseURL(flag: nil, environment: ["CONTENT_LIBRARY_DATABASE_URL": ""]) == nil, "SQLite")
        #expect(ServeCommand.databaseURL(flag: nil, environment: [:]) == nil, "SQLite")
    }

    @Test(arguments: [
        ("postgres://cl:hunter2@127.0.0.1:1/db", "must not contain a password"),
        ("mysql://cl@127.0.0.1/db", "malformed database URL"),
        ("postgres://cl@127.0.0.1:1/db?sslmode=disable", "cannot open the PostgreSQL database postgres://cl@127.0.0.1:1/db"),
    ])
    func aBadDatabaseStopsServeWithAMessage(url: String, message: String) throws {
        let folder = NSTemporaryDirectory() + "serve-database-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run(["serve", "--port", "0", "--data", folder, "--database", url])
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"), "the password is never repeated")
        #expect(!result.stderr.contains("Fatal error"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/metadata.sqlite"), "no fallback to SQLite")
    }

    @Test func thePasswordInTheURLNamesTheVariables() throws {
        let result = try CommandRunner.run(["user", "list", "--database", "postgres://cl:hunter2@127.0.0.1:1/db"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("CONTENT_LIBRARY_DATABASE_PASSWORD") && result.stderr.contains("PGPASSWORD"), "\(result.stderr)")
    }
}
