//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibrarySOAP
import Foundation
import FuzzSupport
import Synchronization

/// One user in memory (`user` / `secret`, as in the seed envelopes), so that inputs reach the methods behind a login.
final class MemoryAuthenticator: SOAPAuthenticating {
    let tokens = Mutex<Set<String>>([])

    func logIn(user: String, password: String, address: String?) async throws -> String {
        guard user == "user", password == "secret" else { throw SOAPLoginRefused() }
        let token = UUID().uuidString
        self.tokens.withLock { _ = $0.insert(token) }
        return token
    }

    func liveSession(token: String) async throws -> (user: String, created: Date)? {
        self.tokens.withLock { $0.contains(token) } ? ("user", Date(timeIntervalSince1970: 1_800_000_000)) : nil
    }

    func endSession(token: String) async throws {
        _ = self.tokens.withLock { $0.remove(token) }
    }
}

/// The datastores' space, fixed: the fuzzer measures the codec, not the file system.
struct FixedSpace: DatastoreSpaceReading {
    func space(of folder: String) -> DatastoreSpace? { DatastoreSpace(capacity: 1 << 40, free: 1 << 39) }
}

let endpoint = SOAPEndpoint(
    configuration: InventoryConfiguration(
        datacenterName: "dc1", datastores: ["datastore-1": "/srv/ds1", "datastore-2": "/srv/ds2"],
        instanceUUID: "0f6c0c1e-5b3a-4d1e-9d6e-2a2f5e8d9c01"
    ),
    authenticator: MemoryAuthenticator(), space: FixedSpace()
)

/// What a reply set, carried out of the task that got it.
final class CookieBox: Sendable {
    let cookie = Mutex<String?>(nil)
}

/// A session cookie of a login made once, before the first input.
let session: String = {
    let login = Array(
        ("<?xml version=\"1.0\"?><Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body>"
            + "<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this>"
            + "<userName>user</userName><password>secret</password></Login></Body></Envelope>").utf8
    )
    let box = CookieBox()
    waitFor {
        let reply = await endpoint.handle(.init(body: login))
        box.cookie.withLock { $0 = reply.sessionCookie }
    }
    guard let token = box.cookie.withLock({ $0 }), !token.isEmpty else { fatalError("the fuzz target's login failed") }
    return token
}()

/// libFuzzer's entry point: the input is a `POST /sdk` body, answered as the route does, once
/// without a session and once with the logged-in one, so the property collector, its
/// traversals and the container views see every input. A reply is always an envelope.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = bytes(data, size)
    let token = session
    waitFor {
        for cookie in [nil, token] {
            let reply = await endpoint.handle(.init(body: body, sessionToken: cookie, clientAddress: "127.0.0.1"))
            precondition(reply.body.hasPrefix("<?xml"), "a reply that is not an envelope")
        }
    }
    return 0
}

/// The process entry point: libFuzzer's driver on `fuzz`.
@main
enum Main {
    static func main() { runFuzzer(fuzz) }
}
