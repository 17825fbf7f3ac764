//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryAPI
import ContentLibraryServices
import Testing

/// The life cycle, entry by entry: the whole table, written out here independently of the code.
@Suite struct UpdateSessionStateMachineTests {
    typealias Machine = UpdateSessionStateMachine

    /// Where each event leads from ACTIVE; `nil` is a refusal.
    static let fromActive: [(Machine.Event, UpdateSessionState?)] = [
        (.update, .active),
        (.keepAlive, .active),
        (.addFile, .active),
        (.removeFile, .active),
        (.validate, .active),
        (.upload, .active),
        (.complete(.requested), .active),
        (.complete(.waitingForPulls), .active),
        (.complete(.contentRefused), .active),
        (.complete(.succeeded), .done),
        (.complete(.warningsNotIgnored), .error),
        (.complete(.failedAfterPulls), .error),
        (.cancel, .canceled),
        (.fail, .error),
        (.expire, .error),
        (.delete, nil),
    ]

    @Test func theTableCoversEveryEvent() {
        #expect(Self.fromActive.map(\.0) == Machine.Event.allCases)
    }

    @Test func fromActive() {
        for (event, target) in Self.fromActive {
            #expect(Machine.target(of: event, from: .active) == target, "\(event)")
        }
    }

    @Test(arguments: [UpdateSessionState.done, .error, .canceled])
    func finishedSessionsRefuseEverythingButDelete(state: UpdateSessionState) {
        for event in Machine.Event.allCases where event != .delete {
            #expect(Machine.target(of: event, from: state) == nil, "\(event) in \(state)")
        }
        #expect(Machine.target(of: .delete, from: state) == state)
    }

    @Test func sessionsStartActive() {
        #expect(Machine.initialState == .active)
    }

    @Test func transitionGivesTheTargetState() throws {
        #expect(try Machine.transition(.complete(.succeeded), from: .active, session: "s1") == .done)
        #expect(try Machine.transition(.complete(.warningsNotIgnored), from: .active, session: "s1") == .error)
        #expect(try Machine.transition(.delete, from: .canceled, session: "s1") == .canceled)
    }

    @Test func aRefusalIsNotAllowedInCurrentStateNamingOperationSessionAndState() {
        let error = #expect(throws: APIError.self) { try Machine.transition(.delete, from: .active, session: "s1") }
        #expect(error?.kind == .notAllowedInCurrentState)
        #expect(error?.messages.first?.defaultMessage == "The operation delete is not allowed on update session s1 in state ACTIVE.")
        #expect(error?.messages.first?.args == ["delete", "s1", "ACTIVE"])

        let late = #expect(throws: APIError.self) { try Machine.transition(.complete(.requested), from: .done, session: "s2") }
        #expect(late?.messages.first?.defaultMessage == "The operation complete is not allowed on update session s2 in state DONE.")
    }

    @Test func eventsAreNamedAfterTheirOperations() {
        let names = Machine.Event.allCases.map(\.operation)
        #expect(names == [
            "update", "keep_alive", "file.add", "file.remove", "file.validate", "upload",
            "complete", "complete", "complete", "complete", "complete", "complete",
            "cancel", "fail", "expire", "delete",
        ])
    }
}
