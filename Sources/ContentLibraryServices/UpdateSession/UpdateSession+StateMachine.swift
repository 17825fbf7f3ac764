//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

public import ContentLibraryModel

/// The update-session life cycle: which operation each state permits, and where it leads.
///
/// The table is contract §7.1: reads work in every state; changes need ACTIVE; `complete`,
/// `cancel` and `fail` leave ACTIVE for good; `delete` is refused while ACTIVE.
public enum UpdateSessionStateMachine {
    /// The operations whose permission depends on the session's state.
    public enum Operation: String, Hashable, Sendable, CaseIterable {
        case get, list, update, keepAlive = "keep_alive", addFile = "file.add", removeFile = "file.remove"
        case getFile = "file.get", listFiles = "file.list", validate = "file.validate"
        case complete, cancel, fail, delete, upload
    }

    /// What an operation does to a session in a state.
    public enum Outcome: Hashable, Sendable {
        /// Allowed; the state stays.
        case allowed
        /// Allowed; the session moves to the new state.
        case moves(to: UpdateSessionState)
        /// Refused with `NotAllowedInCurrentState`.
        case refused
    }

    /// The outcome of `operation` on a session in `state`.
    public static func outcome(of operation: Operation, in state: UpdateSessionState) -> Outcome {
        switch operation {
        case .get, .list, .getFile, .listFiles:
            return .allowed
        case .delete:
            return state == .active ? .refused : .allowed
        case .update, .keepAlive, .addFile, .removeFile, .validate, .upload:
            return state == .active ? .allowed : .refused
        case .complete:
            return state == .active ? .moves(to: .done) : .refused
        case .cancel:
            return state == .active ? .moves(to: .canceled) : .refused
        case .fail:
            return state == .active ? .moves(to: .error) : .refused
        }
    }

    /// Throws `NotAllowedInCurrentState` when `operation` is refused in `state`.
    public static func check(_ operation: Operation, sessionID: String, state: UpdateSessionState) throws(APIError) {
        if case .refused = self.outcome(of: operation, in: state) {
            throw APIError(
                .notAllowedInCurrentState,
                id: "com.vmware.content.library.item.updatesession.state",
                "The operation \(operation.rawValue) is not allowed on update session \(sessionID) in state \(state.rawValue).",
                args: [operation.rawValue, sessionID, state.rawValue]
            )
        }
    }
}
