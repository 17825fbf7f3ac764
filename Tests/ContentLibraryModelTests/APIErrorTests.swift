//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Testing

@Suite struct APIErrorTests {
    @Test func kindsCarryTheirWireNames() {
        #expect(APIError.Kind.notAllowedInCurrentState.errorType == "NOT_ALLOWED_IN_CURRENT_STATE")
        #expect(APIError.Kind.notAllowedInCurrentState.className == "not_allowed_in_current_state")
        #expect(APIError.Kind.resourceBusy.className == "resource_busy")
    }

    @Test func describesItselfWithItsMessages() {
        let error = APIError(.notFound, id: "com.example.missing", "The item 'x' was not found.", args: ["x"])
        #expect(error.description == "NOT_FOUND: The item 'x' was not found.")
        #expect(error.messages[0].args == ["x"])
    }
}
