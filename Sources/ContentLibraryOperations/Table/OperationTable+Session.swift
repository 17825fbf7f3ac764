//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices

extension OperationTable {
    /// `com.vmware.cis.session`: log in with a password, read and end the session.
    static func session(_ services: Services) -> [APIOperation] {
        let service = "com.vmware.cis.session"
        return [
            APIOperation(login: service, "create", rest: .post("session", status: 201)) { request in
                switch request.credentials {
                case .given(let user, let password):
                    return .secret(try await services.auth.login(user: user, password: password, from: request.clientAddress))
                case .missing(let hint):
                    throw APIError(.unauthenticated, id: "com.vmware.vapi.endpoint.method.authentication.required", hint)
                }
            },
            APIOperation(service, "get", rest: .get("session")) { call in
                .value(try await services.auth.info(token: call.request.sessionToken))
            },
            APIOperation(service, "delete", rest: .delete("session")) { call in
                try await services.auth.logout(token: call.request.sessionToken)
                return .void
            },
        ]
    }
}
