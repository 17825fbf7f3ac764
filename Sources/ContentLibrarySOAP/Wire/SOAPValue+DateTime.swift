//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import Foundation

extension SOAPValue {
    /// An `xsd:dateTime` in UTC with milliseconds.
    package static func dateTime(_ date: Date) -> SOAPValue {
        .simple(type: "xsd:dateTime", text: date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}
