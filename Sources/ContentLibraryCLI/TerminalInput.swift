//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryClient
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `import` and `export` read from the user's terminal: the password, and its width for
/// the progress bars.
enum TerminalInput {
    /// The password: from the environment variable, else asked on the terminal without echo.
    static func password(environment variable: String, user: String) throws(ClientError) -> String {
        if let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty {
            return value
        }
        guard isatty(0) != 0 else {
            throw .usage("no password: set the environment variable \(variable) (or name another with --password-env), or run on a terminal to be asked")
        }
        FileStream.standardError.write("Password for \(user): ")
        var saved = termios()
        tcgetattr(0, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSAFLUSH, &silent)
        let line = readLine(strippingNewline: true)
        tcsetattr(0, TCSAFLUSH, &saved)
        FileStream.standardError.write("\n")
        guard let line, !line.isEmpty else { throw .usage("no password given") }
        return line
    }

    /// The terminal's width in columns (80 when unknown).
    static func columns() -> Int {
        var size = winsize()
        #if canImport(Glibc)
        let request = UInt(TIOCGWINSZ)
        #else
        let request = TIOCGWINSZ
        #endif
        if ioctl(2, request, &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
