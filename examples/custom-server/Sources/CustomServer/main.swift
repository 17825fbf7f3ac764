//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

import ContentLibraryAdapters
import ContentLibraryServer
import StandardAdapters

// docs/adapters.md's "server with extra adapters": the standard adapters plus one of our own.
var registry = AdapterRegistry.standard()
registry.register(TextNotesAdapter())
let server = try ContentLibraryServer(settings: ServerSettings(port: 8080), adapters: registry)
try await server.run()
