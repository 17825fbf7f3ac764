//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ArgumentParser
import ContentLibraryAdapters
import ExternalAdapter
import Foundation
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
    ///   - trustedCAs: `--trusted-ca` PEM files, trusted for OVF signatures besides the system bundle.
    ///   - maxDescriptorSize: the largest OVF descriptor read (`serve --max-descriptor-size`).
    ///   - logger: where external adapters log their standard error.
    /// - Throws: ValidationError naming the file when it cannot be used.
    static func registry(
        configuration: String?, trustedCAs: [String] = [], maxDescriptorSize: Int = 8 << 20, logger: Logger = Logger(label: "content-library.external-adapter")
    ) throws -> AdapterRegistry {
        for path in trustedCAs {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--trusted-ca \(path): the file cannot be read")
            }
            guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
                throw ValidationError("--trusted-ca \(path): the file holds no PEM certificate")
            }
        }
        let absolute = trustedCAs.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
        var registry = AdapterRegistry.standard(trustedCAPaths: absolute, maxDescriptorSize: maxDescriptorSize)
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
