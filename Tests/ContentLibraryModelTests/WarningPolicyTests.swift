//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryModel
import Testing

@Suite struct WarningPolicyTests {
    let declarations = [
        WarningDeclaration(type: "LAYOUT", ignoredByDefault: true, description: "layout"),
        WarningDeclaration(type: "STRICT", ignoredByDefault: false, description: "strict"),
    ]

    @Test func sessionBehaviourWinsOverEverything() {
        let policy = WarningPolicy(serverDefaults: ["LAYOUT": false])
        #expect(policy.isIgnored("LAYOUT", sessionBehavior: [.init(type: "LAYOUT", ignored: true)], declarations: self.declarations))
        #expect(!policy.isIgnored("LAYOUT", sessionBehavior: [.init(type: "LAYOUT", ignored: false)], declarations: self.declarations))
    }

    @Test func lastSessionEntryForATypeWins() {
        let behavior: [WarningBehavior] = [.init(type: "STRICT", ignored: false), .init(type: "STRICT", ignored: true)]
        #expect(WarningPolicy().isIgnored("STRICT", sessionBehavior: behavior, declarations: self.declarations))
    }

    @Test func serverDefaultWinsOverAdapterDefault() {
        #expect(!WarningPolicy(serverDefaults: ["LAYOUT": false]).isIgnored("LAYOUT", declarations: self.declarations))
        #expect(WarningPolicy(serverDefaults: ["STRICT": true]).isIgnored("STRICT", declarations: self.declarations))
    }

    @Test func adapterDefaultAppliesWhenNobodyConfigured() {
        #expect(WarningPolicy().isIgnored("LAYOUT", declarations: self.declarations))
        #expect(!WarningPolicy().isIgnored("STRICT", declarations: self.declarations))
    }

    @Test(arguments: WarningType.certificateTypes)
    func certificateWarningsBlockByDefault(type: WarningType) {
        #expect(!WarningPolicy().isIgnored(type, declarations: []))
    }

    @Test func undeclaredTypesBlock() {
        #expect(!WarningPolicy().isIgnored("SOMETHING_NEW", declarations: self.declarations))
    }
}
