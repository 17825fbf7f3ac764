//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import ContentLibraryServices
import Testing

@Suite struct UpdateSessionStateMachineTests {
    typealias Machine = UpdateSessionStateMachine

    @Test(arguments: UpdateSessionState.allCases)
    func readsAreAllowedInEveryState(state: UpdateSessionState) {
        for operation in [Machine.Operation.get, .list, .getFile, .listFiles] {
            #expect(Machine.outcome(of: operation, in: state) == .allowed)
        }
    }

    @Test func activeSessionsLeaveActiveOnlyByCompleteCancelOrFail() {
        #expect(Machine.outcome(of: .complete, in: .active) == .moves(to: .done))
        #expect(Machine.outcome(of: .cancel, in: .active) == .moves(to: .canceled))
        #expect(Machine.outcome(of: .fail, in: .active) == .moves(to: .error))
        for operation in [Machine.Operation.update, .keepAlive, .addFile, .removeFile, .validate, .upload] {
            #expect(Machine.outcome(of: operation, in: .active) == .allowed)
        }
    }

    @Test(arguments: [UpdateSessionState.done, .error, .canceled])
    func finishedSessionsRefuseChangesButMayBeDeleted(state: UpdateSessionState) {
        for operation in [Machine.Operation.update, .keepAlive, .addFile, .removeFile, .validate, .upload, .complete, .cancel, .fail] {
            #expect(Machine.outcome(of: operation, in: state) == .refused)
        }
        #expect(Machine.outcome(of: .delete, in: state) == .allowed)
    }

    @Test func deletingAnActiveSessionIsRefusedWithTheStandardError() {
        #expect(throws: APIError.self) { try Machine.check(.delete, sessionID: "s1", state: .active) }
        do {
            try Machine.check(.delete, sessionID: "s1", state: .active)
        } catch {
            #expect(error.kind == .notAllowedInCurrentState)
            #expect(error.messages[0].defaultMessage.contains("ACTIVE"))
        }
    }
}
