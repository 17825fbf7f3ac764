//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI

/// The update-session life cycle: for each event, which states permit it and which state
/// follows. The services ask it for every change and store the state it gives; none sets a
/// state by itself.
///
/// The table is contract §7.1, with the outcomes the docstrings leave to the server:
///
/// | event                                      | ACTIVE   | DONE / ERROR / CANCELED |
/// |--------------------------------------------|----------|-------------------------|
/// | update, keep_alive, file.add, file.remove, file.validate, upload | ACTIVE | refused |
/// | complete, requested                        | ACTIVE   | refused                 |
/// | complete, waiting for pulls                | ACTIVE   | refused                 |
/// | complete, content refused                  | ACTIVE   | refused                 |
/// | complete, succeeded                        | DONE     | refused                 |
/// | complete, warnings not ignored             | ERROR    | refused                 |
/// | complete, failed after its pulls           | ERROR    | refused                 |
/// | cancel                                     | CANCELED | refused                 |
/// | fail                                       | ERROR    | refused                 |
/// | expire                                     | ERROR    | refused                 |
/// | delete                                     | refused  | unchanged (then removed)|
///
/// Reads (`get`, `list`, `file.get`, `file.list`) are not events: they are allowed in every
/// state and change none.
///
/// `complete` is judged in steps, so its events carry the verdict: the call is first
/// `requested` (refused unless ACTIVE, before any work), then the content decides where the
/// session goes. Content the client can still fix (files not received, missing or invalid
/// files) leaves the session ACTIVE; warnings it did not ignore end it in ERROR, as the API
/// says they "fail the update session". A `complete` that waited for pulls has no caller left
/// to fix anything, so any failure then ends the session in ERROR.
package enum UpdateSessionStateMachine {
    /// What may happen to a session: an operation of the API, the verdict of `complete`, or expiry.
    package enum Event: Hashable, Sendable, CaseIterable {
        /// `update`: a new `warning_behavior`.
        case update
        /// `keep_alive`.
        case keepAlive
        /// `file.add`.
        case addFile
        /// `file.remove`.
        case removeFile
        /// `file.validate`.
        case validate
        /// Bytes arriving for a file: a PUSH upload or a PULL.
        case upload
        /// `complete`, at one of its steps or verdicts.
        case complete(Completion)
        /// `cancel`.
        case cancel
        /// `fail`, with the client's message.
        case fail
        /// The reaper found the session idle past its timeout.
        case expire
        /// `delete`.
        case delete

        /// Every event, for tables and tests.
        package static let allCases: [Event] =
            [.update, .keepAlive, .addFile, .removeFile, .validate, .upload]
            + Completion.allCases.map { .complete($0) } + [.cancel, .fail, .expire, .delete]

        /// The name of the operation behind the event, as refusals show it.
        package var operation: String {
            switch self {
            case .update: "update"
            case .keepAlive: "keep_alive"
            case .addFile: "file.add"
            case .removeFile: "file.remove"
            case .validate: "file.validate"
            case .upload: "upload"
            case .complete: "complete"
            case .cancel: "cancel"
            case .fail: "fail"
            case .expire: "expire"
            case .delete: "delete"
            }
        }
    }

    /// The steps and verdicts of `complete`.
    package enum Completion: Hashable, Sendable, CaseIterable {
        /// The call arrived; nothing is judged yet.
        case requested
        /// Pulls are still running: the session completes when they end (contract §7.4).
        case waitingForPulls
        /// Files not received, missing or invalid: the call fails and the client may fix them.
        case contentRefused
        /// The content passed and is now the item's.
        case succeeded
        /// The content passed, but it has warnings the session did not ignore.
        case warningsNotIgnored
        /// A `complete` that waited for pulls failed when they ended: a pull failed, or the content
        /// they brought was refused.
        case failedAfterPulls
    }

    /// The state of a session when it is created.
    package static let initialState = UpdateSessionState.active

    /// The state after `event` in `state`; `nil` when the event is not allowed there.
    package static func target(of event: Event, from state: UpdateSessionState) -> UpdateSessionState? {
        switch (event, state) {
        case (.delete, .active):
            return nil
        case (.delete, _):
            return state
        case (_, .done), (_, .error), (_, .canceled):
            return nil
        case (.update, .active), (.keepAlive, .active), (.addFile, .active), (.removeFile, .active), (.validate, .active),
            (.upload, .active):
            return .active
        case (.complete(.requested), .active), (.complete(.waitingForPulls), .active), (.complete(.contentRefused), .active):
            return .active
        case (.complete(.succeeded), .active):
            return .done
        case (.complete(.warningsNotIgnored), .active), (.complete(.failedAfterPulls), .active), (.fail, .active), (.expire, .active):
            return .error
        case (.cancel, .active):
            return .canceled
        }
    }

    /// The state after `event` in `state`, or `NotAllowedInCurrentState` naming the operation,
    /// the session and its state.
    package static func transition(_ event: Event, from state: UpdateSessionState, session id: String) throws(APIError) -> UpdateSessionState {
        guard let next = self.target(of: event, from: state) else {
            throw APIError(
                .notAllowedInCurrentState,
                id: "com.vmware.content.library.item.updatesession.state",
                "The operation \(event.operation) is not allowed on update session \(id) in state \(state.rawValue).",
                args: [event.operation, id, state.rawValue]
            )
        }
        return next
    }
}

extension SessionRecord {
    /// Moves the session to the state the life cycle gives for `event`, or throws
    /// `NotAllowedInCurrentState` and leaves it as it is.
    mutating func apply(_ event: UpdateSessionStateMachine.Event) throws(APIError) {
        self.state = try UpdateSessionStateMachine.transition(event, from: self.state, session: self.id)
    }
}
