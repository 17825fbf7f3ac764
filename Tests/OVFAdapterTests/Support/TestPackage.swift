//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryModel
import Foundation
import Testing

@testable import OVFAdapter

/// Builds OVF packages in a temporary folder and validates them with OVFAdapter.
struct TestPackage {
    /// The files, by session name.
    var files: [String: [UInt8]]

    /// A package holding the baseline descriptor as `pkg.ovf` and its stream-optimized disk.
    static func baseline(_ edit: (inout String) -> Void = { _ in }) -> TestPackage {
        var ovf = Baseline.descriptor
        edit(&ovf)
        return TestPackage(files: ["pkg.ovf": Array(ovf.utf8), "disk1.vmdk": Baseline.disk])
    }

    /// A package with one descriptor text and extra files.
    static func descriptor(_ text: String, name: String = "pkg.ovf", files: [String: [UInt8]] = [:]) -> TestPackage {
        var all = files
        all[name] = Array(text.utf8)
        return TestPackage(files: all)
    }

    /// Writes the files into a fresh temporary folder; returns their paths by name.
    func write() throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ovf-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for (name, bytes) in self.files {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            paths[name] = url.path
        }
        return paths
    }

    /// Writes the files and returns a content view over them.
    func contentView() throws -> LocalContentView {
        try LocalContentView(paths: self.write().sorted { $0.key < $1.key }.map(\.value))
    }

    /// Validates the package, then removes the files written for it.
    func validate(
        descriptorOnly: Bool = false, configuration: OVFAdapter.Configuration = .init()
    ) async throws -> ValidationReport {
        let paths = try self.write()
        defer {
            if let folder = paths.values.first.map({ URL(fileURLWithPath: $0).deletingLastPathComponent() }) {
                try? FileManager.default.removeItem(at: folder)
            }
        }
        let view = try LocalContentView(paths: paths.sorted { $0.key < $1.key }.map(\.value))
        return await OVFAdapter(configuration: configuration).validate(view, options: ValidationOptions(descriptorOnly: descriptorOnly))
    }
}

extension String {
    /// Replaces `old` (which must occur) with `new`, for mutating the baseline descriptor.
    mutating func edit(_ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(self.contains(old), "the baseline does not contain \(old)", sourceLocation: sourceLocation)
        self = self.replacingOccurrences(of: old, with: new)
    }
}

extension ValidationReport {
    /// The findings of one rule.
    func findings(_ ruleID: String) -> [Finding] { self.findings.filter { $0.ruleID == ruleID } }

    /// Whether a rule fired with a severity.
    func has(_ ruleID: String, _ severity: Severity) -> Bool {
        self.findings.contains { $0.ruleID == ruleID && $0.severity == severity }
    }

    /// A one-line summary for failure messages.
    var summary: String {
        self.findings.map { "\($0.ruleID)/\($0.severity.rawValue): \($0.message.defaultMessage)" }.joined(separator: "\n")
    }
}

/// The repository root, found from this file's path (Tests/OVFAdapterTests/Support/…).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
