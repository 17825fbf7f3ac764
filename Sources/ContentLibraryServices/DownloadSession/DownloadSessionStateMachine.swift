//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

package import ContentLibraryModel
package import ContentLibraryAPI

/// The download-session life cycle: for each event, which states permit it and which follows.
///
/// | event                                   | ACTIVE   | CANCELED / ERROR        |
/// |-----------------------------------------|----------|-------------------------|
/// | keep_alive, file.prepare, bytes served  | ACTIVE   | refused                 |
/// | cancel                                  | CANCELED | refused                 |
/// | fail, expire                            | ERROR    | refused                 |
/// | delete                                  | removed  | removed                 |
///
/// Reads (`get`, `list`, `file.get`, `file.list`) are not events. Unlike an update session, an
/// ACTIVE download session may be deleted: it has nothing to lose, and its downloads end.
package enum DownloadSessionStateMachine {
    /// What may happen to a download session.
    package enum Event: String, Hashable, Sendable, CaseIterable {
        /// `keep_alive`.
        case keepAlive = "keep_alive"
        /// `file.prepare`.
        case prepare = "file.prepare"
        /// Bytes served from a file's download URL.
        case download
        /// `cancel`.
        case cancel
        /// `fail`, with the client's message.
        case fail
        /// The reaper found the session idle past its timeout.
        case expire
        /// `delete`.
        case delete
    }

    /// The state of a session when it is created.
    package static let initialState = DownloadSessionState.active

    /// The state after `event` in `state`; `nil` when the event is not allowed there.
    package static func target(of event: Event, from state: DownloadSessionState) -> DownloadSessionState? {
        switch (event, state) {
        case (.delete, _): state
        case (_, .canceled), (_, .error): nil
        case (.keepAlive, .active), (.prepare, .active), (.download, .active): .active
        case (.cancel, .active): .canceled
        case (.fail, .active), (.expire, .active): .error
        }
    }

    /// The state after `event` in `state`, or `NotAllowedInCurrentState` naming the operation,
    /// the session and its state.
    package static func transition(_ event: Event, from state: DownloadSessionState, session id: String) throws(APIError) -> DownloadSessionState {
        guard let next = self.target(of: event, from: state) else {
            throw APIError(
                .notAllowedInCurrentState, id: "com.vmware.content.library.item.downloadsession.state",
                "The operation \(event.rawValue) is not allowed on download session \(id) in state \(state.rawValue).",
                args: [event.rawValue, id, state.rawValue]
            )
        }
        return next
    }
}

extension DownloadSessionRecord {
    /// Moves the session to the state the life cycle gives for `event`, or throws
    /// `NotAllowedInCurrentState` and leaves it as it is.
    mutating func apply(_ event: DownloadSessionStateMachine.Event) throws(APIError) {
        self.state = try DownloadSessionStateMachine.transition(event, from: self.state, session: self.id)
    }
}
