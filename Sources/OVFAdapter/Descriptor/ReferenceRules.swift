//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The descriptor-only References rules: OVF-REF-001..006, -009 and -012.
enum ReferenceRules: DescriptorRuleSet {
    /// The findings of this group's rules for one descriptor.
    static func findings(in descriptor: Descriptor) -> [Finding] {
        var findings: [Finding] = []
        // OVF-REF-001: exactly one References, first child of the Envelope.
        let references = descriptor.referencesElements
        if references.isEmpty {
            findings.append(descriptor.error("OVF-REF-001", at: descriptor.root, "The Envelope has no References element."))
        } else if references.count > 1 {
            findings.append(descriptor.error("OVF-REF-001", at: references[1], "The Envelope has \(references.count) References elements; exactly one is allowed."))
        } else if let first = descriptor.root.children.first, descriptor.kind(of: first) != "References" {
            findings.append(descriptor.error("OVF-REF-001", at: references[0], "References must be the first child of the Envelope, but '\(first.qualifiedName)' comes before it."))
        }

        var ids: [String: XMLElement] = [:]
        var hrefs: [String: String] = [:]
        for file in descriptor.fileElements {
            let id = descriptor.attribute("id", of: file)?.trimmedXMLSpace ?? ""
            let href = descriptor.attribute("href", of: file)?.trimmedXMLSpace ?? ""
            // OVF-REF-002
            if id.isEmpty {
                findings.append(descriptor.error("OVF-REF-002", at: file, "A References File\(href.isEmpty ? "" : " with href '\(href)'") has no ovf:id."))
            }
            if href.isEmpty {
                findings.append(descriptor.error("OVF-REF-002", at: file, "File '\(id)' has no ovf:href."))
            }
            // OVF-REF-003
            if !id.isEmpty {
                if ids[id] != nil {
                    findings.append(descriptor.error("OVF-REF-003", at: file, "File id '\(id)' is declared more than once in References."))
                } else {
                    ids[id] = file
                }
            }
            // OVF-REF-004
            if !href.isEmpty {
                if let other = hrefs[href] {
                    findings.append(descriptor.error("OVF-REF-004", at: file, "Files '\(other)' and '\(id)' both reference '\(href)'; two Files must not share a file."))
                } else {
                    hrefs[href] = id
                }
                // OVF-REF-006
                if let reason = self.hrefViolation(href) {
                    findings.append(descriptor.error("OVF-REF-006", at: file, "File '\(id)' has href '\(href)', which \(reason)."))
                }
            }
            // OVF-REF-005
            if let size = descriptor.attribute("size", of: file), UInt64(size.trimmedXMLSpace) == nil || Int64(size.trimmedXMLSpace) == nil {
                findings.append(descriptor.error("OVF-REF-005", at: file, "File '\(id)' has ovf:size '\(size)', which is not an unsigned decimal integer."))
            }
            if let chunk = descriptor.attribute("chunkSize", of: file), (Int64(chunk.trimmedXMLSpace) ?? 0) <= 0 {
                findings.append(descriptor.error("OVF-REF-005", at: file, "File '\(id)' has ovf:chunkSize '\(chunk)', which is not a positive integer."))
            }
            // OVF-REF-009
            if let compression = descriptor.attribute("compression", of: file)?.trimmedXMLSpace {
                switch compression {
                case "", "identity", "gzip":
                    break
                case "bzip2":
                    findings.append(descriptor.warning("OVF-REF-009", .ovfCompatibility, at: file, "File '\(id)' uses ovf:compression 'bzip2', which only the OVF 1.0 schema's documentation mentions; DSP0243 allows only gzip."))
                default:
                    findings.append(descriptor.error("OVF-REF-009", at: file, "File '\(id)' has ovf:compression '\(compression)'; only 'gzip' and 'identity' are defined."))
                }
            }
        }

        // OVF-REF-012: every File is used by something in the descriptor.
        let used = self.usedFileIDs(in: descriptor)
        for file in descriptor.fileElements {
            guard let id = descriptor.attribute("id", of: file), !id.isEmpty, !used.contains(id) else { continue }
            findings.append(descriptor.warning("OVF-REF-012", .ovfPackageContent, at: file, "File '\(id)' is not used by any Disk, HostResource or Strings bundle."))
        }
        return findings
    }

    /// Why an href cannot name a session file, or `nil` when it is a plain relative name.
    static func hrefViolation(_ href: String) -> String? {
        let lower = href.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return "is a remote URL; an upload session can only hold uploaded files"
        }
        if let colon = href.firstIndex(of: ":"), href[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
            href[..<colon].first?.isLetter == true
        {
            return "has a URI scheme; only relative file names are allowed"
        }
        if href.hasPrefix("/") { return "is an absolute path" }
        if href.contains("\\") { return "contains a backslash" }
        if href.split(separator: "/").contains("..") { return "escapes the package with '..'" }
        if href.contains("/") { return "names a sub-folder; session files are flat names" }
        if let reason = FileNameRule.violation(in: href) { return "is not a safe file name (\(reason))" }
        return nil
    }

    /// The File ids the descriptor uses: Disk fileRef, `ovf:/file/<id>` host resources, Strings
    /// fileRef, and, for vendor extensions, any other `fileRef` attribute or `ovf:/file/` text.
    static func usedFileIDs(in descriptor: Descriptor) -> Set<String> {
        var used: Set<String> = []
        for element in descriptor.attributedElements {
            for attribute in element.attributes where attribute.localName == "fileRef" {
                used.insert(attribute.value.trimmedXMLSpace)
            }
        }
        for element in descriptor.elements {
            // Only text that starts (after space) like a file reference is trimmed and compared:
            // most elements hold only indentation or a value that starts otherwise.
            let first = element.text.utf8.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
            guard first == UInt8(ascii: "o") || first == UInt8(ascii: "/") else { continue }
            let text = element.trimmedText
            for prefix in HardwareRules.fileReferencePrefixes where text.hasPrefix(prefix) {
                used.insert(String(text.dropFirst(prefix.count)))
            }
        }
        return used
    }
}
