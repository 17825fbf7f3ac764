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
/// It needs no permission flag to read content in the package folder. External adapters
/// (`--adapters CONFIG`) that write outside their temporary folder or use the network need
/// `--disable-sandbox` on macOS; Linux has no plug-in sandbox.
@main
struct ValidateContent: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "content-library")
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

    var description: String {
        self.status == 1
            ? "validate-content: the content has errors or blocking warnings (see the findings above)"
            : "validate-content: content-library validate failed with status \(self.status)"
    }
}
