//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ArgumentParser
import ContentLibraryClient

/// The options `import` and `export` share: which server, as whom, and which library.
struct ServerConnectionOptions: ParsableArguments {
    @Option(help: "The server's URL, e.g. http://127.0.0.1:8080.")
    var server: String

    @Option(help: "The user name, e.g. administrator@vsphere.local.")
    var user: String

    @Option(help: "The environment variable holding the password; without it, the password is asked on the terminal.")
    var passwordEnv = "CONTENT_LIBRARY_PASSWORD"

    @Option(help: "The library, by name.")
    var library: String

    /// The server's base URL.
    func baseURL() throws(ClientError) -> String {
        try ContentLibraryAPI.baseURL(self.server)
    }

    /// The password, from the environment variable or asked on the terminal.
    func password() throws(ClientError) -> String {
        try TerminalInput.password(environment: self.passwordEnv, user: self.user)
    }
}
