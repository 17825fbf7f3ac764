//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel

/// The vAPI errors the services raise, built in one place so ids and texts stay consistent.
enum ServiceError {
    static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(
            .notFound, id: "com.vmware.content.\(what.replacingSpaces).not_found",
            "The \(what) \(id) does not exist.", args: [id]
        )
    }

    static func invalidArgument(_ id: String, _ text: String, args: [String] = []) -> APIError {
        APIError(.invalidArgument, id: "com.vmware.content.invalid_argument.\(id)", text, args: args)
    }

    static func notAllowed(_ id: String, _ text: String, args: [String] = []) -> APIError {
        APIError(.notAllowedInCurrentState, id: "com.vmware.content.not_allowed.\(id)", text, args: args)
    }

    /// Validates a client token: a UUID, as the API requires.
    static func checkClientToken(_ token: String?) throws(APIError) {
        guard let token else { return }
        let hex = token.filter { $0 != "-" }
        let groups = token.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        guard groups == [8, 4, 4, 4, 12], hex.allSatisfy(\.isHexDigit), hex.allSatisfy(\.isASCII) else {
            throw invalidArgument("client_token", "The client token '\(token)' is not a UUID.", args: [token])
        }
    }
}

extension String {
    fileprivate var replacingSpaces: String { String(self.map { $0 == " " ? "_" : $0 }) }
}
