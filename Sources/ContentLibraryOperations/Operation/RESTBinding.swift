//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Where REST `/api` serves an operation (the vSphere 8.0.2 specification's path and status).
///
/// Path parameters are written `{name}` and fill the parameter of that name; other parameters
/// come from the query, except what `body` says comes from the JSON body.
package struct RESTBinding: Hashable, Sendable {
    /// The HTTP methods the API uses.
    package enum Method: String, Hashable, Sendable {
        case get = "GET", post = "POST", patch = "PATCH", delete = "DELETE"
    }

    /// What the JSON body holds.
    package enum Body: Hashable, Sendable {
        /// No body is read.
        case none
        /// The body is the value of this parameter (`request_body` in the specification).
        case parameter(String)
        /// The body is an object of named parameters (e.g. `{"client_progress": 40}`), and may be empty.
        case fields
    }

    /// The method.
    package let method: Method
    /// The path below `/api/`, e.g. `content/library/item/update-session/{update_session_id}`.
    package let path: String
    /// The `action` query parameter that selects it, e.g. `complete`.
    package let action: String?
    /// A query parameter whose presence selects it over an operation on the same path
    /// (`GET …/file?name=x` is `get`, `GET …/file` is `list`).
    package let selector: String?
    /// The success status: 200, 201 or 204.
    package let status: Int
    /// What the body holds.
    package let body: Body

    /// A `GET`.
    package static func get(_ path: String, selector: String? = nil) -> RESTBinding {
        RESTBinding(method: .get, path: path, action: nil, selector: selector, status: 200, body: .none)
    }

    /// A `POST` answering `status`.
    package static func post(_ path: String, action: String? = nil, status: Int, body: Body = .none) -> RESTBinding {
        RESTBinding(method: .post, path: path, action: action, selector: nil, status: status, body: body)
    }

    /// A `PATCH` of the object at `path` with the body `body`, answering 204.
    package static func patch(_ path: String, body: String) -> RESTBinding {
        RESTBinding(method: .patch, path: path, action: nil, selector: nil, status: 204, body: .parameter(body))
    }

    /// A `DELETE`, answering 204.
    package static func delete(_ path: String) -> RESTBinding {
        RESTBinding(method: .delete, path: path, action: nil, selector: nil, status: 204, body: .none)
    }

    /// The names of the `{…}` path parameters.
    package var pathParameters: [String] {
        self.path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}
