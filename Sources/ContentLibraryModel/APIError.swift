//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// A vAPI standard error: the only kind of error a client ever sees.
///
/// Every dialect encodes it in its own shape (`error_type` + `messages` for `/api`,
/// `{"type": …, "value": …}` for `/rest`, `ERROR` for JSON-RPC) from the same value.
public struct APIError: Error, Hashable, Codable, Sendable {
    /// The standard error class.
    public var kind: Kind
    /// Human-readable messages with stable ids; never empty when thrown by our code.
    public var messages: [LocalizableMessage]

    /// Creates an error.
    public init(_ kind: Kind, messages: [LocalizableMessage]) {
        self.kind = kind
        self.messages = messages
    }

    /// Creates an error with one message.
    public init(_ kind: Kind, id: String, _ text: String, args: [String] = []) {
        self.init(kind, messages: [LocalizableMessage(id: id, defaultMessage: text, args: args)])
    }

    /// The vAPI standard error classes (`com.vmware.vapi.std.errors`).
    public enum Kind: String, Hashable, Codable, Sendable, CaseIterable {
        case error = "ERROR"
        case alreadyExists = "ALREADY_EXISTS"
        case alreadyInDesiredState = "ALREADY_IN_DESIRED_STATE"
        case canceled = "CANCELED"
        case concurrentChange = "CONCURRENT_CHANGE"
        case featureInUse = "FEATURE_IN_USE"
        case internalServerError = "INTERNAL_SERVER_ERROR"
        case invalidArgument = "INVALID_ARGUMENT"
        case invalidElementConfiguration = "INVALID_ELEMENT_CONFIGURATION"
        case invalidElementType = "INVALID_ELEMENT_TYPE"
        case invalidRequest = "INVALID_REQUEST"
        case notAllowedInCurrentState = "NOT_ALLOWED_IN_CURRENT_STATE"
        case notFound = "NOT_FOUND"
        case operationNotFound = "OPERATION_NOT_FOUND"
        case resourceBusy = "RESOURCE_BUSY"
        case resourceInUse = "RESOURCE_IN_USE"
        case resourceInaccessible = "RESOURCE_INACCESSIBLE"
        case serviceUnavailable = "SERVICE_UNAVAILABLE"
        case timedOut = "TIMED_OUT"
        case unableToAllocateResource = "UNABLE_TO_ALLOCATE_RESOURCE"
        case unauthenticated = "UNAUTHENTICATED"
        case unauthorized = "UNAUTHORIZED"
        case unexpectedInput = "UNEXPECTED_INPUT"
        case unsupported = "UNSUPPORTED"
        case unverifiedPeer = "UNVERIFIED_PEER"

        /// The `error_type` value on the wire.
        public var errorType: String { self.rawValue }

        /// The snake_case class name: `com.vmware.vapi.std.errors.<name>` in `/rest` and JSON-RPC.
        public var className: String { self.rawValue.lowercased() }
    }
}

extension APIError: CustomStringConvertible {
    public var description: String {
        "\(self.kind.rawValue): " + self.messages.map(\.defaultMessage).joined(separator: " ")
    }
}
