//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Foundation
import PackagePlugin

/// `swift package validate-content [validate options] PATH…`: runs `content-library validate`
/// with the user's arguments, from the package's folder, and fails when the content would fail.
///
/// The plug-in asks the package manager to build the `content-library` product when it runs
/// (`packageManager.build`) instead of naming it as a tool dependency: a tool is compiled for the
/// host in a graph of its own, which made every `swift build` compile the whole server twice.
///
/// It needs no permission flag to read content in the package folder. External adapters
/// (`--adapters CONFIG`) that write outside their temporary folder or use the network need
/// `--disable-sandbox` on macOS; Linux has no plug-in sandbox.
@main
struct ValidateContent: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let build = try packageManager.build(.product("content-library"), parameters: .init(echoLogs: true))
        guard build.succeeded else {
            throw ValidateContentError(status: 2, reason: "building content-library failed")
        }
        guard let tool = build.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == "content-library" })
        else {
            throw ValidateContentError(status: 2, reason: "the build produced no content-library executable")
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["validate"] + arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ValidateContentError(status: process.terminationStatus)
        }
    }
}

/// The validation failed (status 1) or could not run (status 2); the findings are already printed.
struct ValidateContentError: Error, CustomStringConvertible {
    var status: Int32
    var reason: String? = nil

    var description: String {
        if let reason = self.reason {
            return "validate-content: \(reason)"
        }
        return self.status == 1
            ? "validate-content: the content has errors or blocking warnings (see the findings above)"
            : "validate-content: content-library validate failed with status \(self.status)"
    }
}
