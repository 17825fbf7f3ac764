//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ends the process on Ctrl-C (SIGINT) or SIGTERM after saying what the user can do next,
/// instead of dying silently with progress bars half drawn.
///
/// The import leaves its update session open on purpose: running the same command again
/// continues it, so the handler only tells the user so and exits with 128 + the signal.
struct InterruptHandler {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handler; `onInterrupt` runs once, on a background queue, before the exit.
    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        self.sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                onInterrupt()
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }

    /// Restores the default behaviour of the signals.
    func cancel() {
        for source in self.sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
