//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ArgumentParser
import ContentLibraryAdapters
import ExternalAdapter
import Logging
import QCOW2Adapter
import StandardAdapters

/// The adapters the shipped commands use: the standard ones, the QCOW2 example, and the
/// external adapters of a configuration file.
///
/// This is the public adapter API in use, the same few lines a custom server writes:
/// ```swift
/// var registry = AdapterRegistry.standard()
/// registry.register(QCOW2Adapter())
/// ```
enum CommandAdapters {
    /// The registry for `serve`, `validate` and `adapters`.
    /// - Parameters:
    ///   - configuration: a `--adapters` file of external adapters, if any.
    ///   - logger: where external adapters log their standard error.
    /// - Throws: ValidationError naming the file when it cannot be used.
    static func registry(configuration: String?, logger: Logger = Logger(label: "content-library.external-adapter")) throws
        -> AdapterRegistry
    {
        var registry = AdapterRegistry.standard()
        registry.register(QCOW2Adapter())
        if let configuration {
            do {
                for adapter in try ExternalAdapter.load(configuration: configuration, logger: logger) {
                    registry.register(adapter)
                }
            } catch {
                throw ValidationError("--adapters: \(error)")
            }
        }
        return registry
    }
}
