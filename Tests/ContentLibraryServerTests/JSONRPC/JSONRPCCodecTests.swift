//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

@testable import ContentLibraryModel
@testable import ContentLibraryAPI
import ContentLibraryOperations
import Foundation
import Testing

@testable import ContentLibraryJSONRPC

/// The JSON-RPC typed values on their own: the decoder reads through the tags, the encoder adds
/// them from the models' own `Codable` conformances, and every model survives the round trip.
@Suite struct JSONRPCCodecTests {
    private static func json(_ text: String) throws -> JSONValue { try JSONValue(data: Data(text.utf8)) }

    @Test func numbersAndBooleansStayApart() throws {
        let expected: [JSONValue] = [.integer(0), .integer(1), .bool(true), .bool(false), .double(1.5), .integer(-7)]
        #expect(try Self.json("[0, 1, true, false, 1.5, -7]") == .array(expected))
    }

    @Test func inputTagsAreReadThroughAndUnsetFieldsAreNil() throws {
        let typed = try Self.json(
            #"""
            {"STRUCTURE":{"com.vmware.content.library.item.update_session_model":{"id":{"OPTIONAL":null},
            "library_item_id":{"OPTIONAL":"item"},
            "warning_behavior":{"OPTIONAL":[{"STRUCTURE":{"x":{"type":"SELF_SIGNED_CERTIFICATE","ignored":true}}}]}}}}
            """#
        )
        let model = try typed.decode(UpdateSessionModel.self)
        let behavior = [WarningBehavior(type: "SELF_SIGNED_CERTIFICATE", ignored: true)]
        #expect(model == UpdateSessionModel(libraryItemID: "item", warningBehavior: behavior))
        #expect(try Self.json(#"{"SECRET":"s"}"#).decode(String.self) == "s")
        #expect(throws: DecodingError.self) { try Self.json(#"{"STRUCTURE":"x"}"#).decode(UpdateSessionModel.self) }
    }

    @Test func outputsGetEveryFieldWithItsTag() throws {
        let file = SessionFileInfo(
            name: "a.iso", sourceType: .push, uploadEndpoint: TransferEndpoint(uri: "http://h/u"), bytesTransferred: 0,
            status: .waitingForTransfer
        )
        let typed = try JSONRPCEncoder().encode(file)
        let fields = try #require(typed.object?["STRUCTURE"]?.object?[SessionFileInfo.vapiStructureID]?.object)
        #expect(Set(fields.keys) == Set(SessionFileInfo.CodingKeys.allCases.map(\.stringValue)))
        #expect(fields["name"] == .string("a.iso") && fields["bytes_transferred"] == .integer(0) && fields["status"] == .string("WAITING_FOR_TRANSFER"))
        #expect(fields["size"] == .object(["OPTIONAL": .null]))
        let endpoint = try #require(
            fields["upload_endpoint"]?.object?["OPTIONAL"]?.object?["STRUCTURE"]?.object?[TransferEndpoint.vapiStructureID]?.object
        )
        #expect(endpoint["uri"] == .string("http://h/u"))
        #expect(endpoint["ssl_certificate"] == .object(["OPTIONAL": .null]))
    }

    @Test func aModelWithoutABindingTypeCannotBeSent() {
        struct Unbound: Encodable { var field = 1 }
        #expect(throws: EncodingError.self) { try JSONRPCEncoder().encode(Unbound()) }
    }

    /// Every model the operations take or answer, with every field set, and with every optional unset.
    static let date = Date(timeIntervalSince1970: 1_700_000_000)
    static let message = LocalizableMessage(id: "m.id", defaultMessage: "text", args: ["a"])
    static let checksum = ChecksumInfo(algorithm: .sha256, checksum: "ab")
    static let endpoint = TransferEndpoint(uri: "https://h/x", sslCertificateThumbprint: "AA:BB", sslCertificate: "PEM")
    static let backing = StorageBacking(type: .datastore, datastoreID: "datastore-1", storageURI: "file:///x")
    static let certificate = CertificateInfo(issuer: "CN=i", subject: "CN=s", selfSigned: true, x509: "PEM")

    @Test func everyModelRoundTripsThroughJSONRPCWithNoFieldLost() throws {
        try Self.roundTrip(APISessionInfo(user: "u", createdTime: Self.date, lastAccessedTime: Self.date))
        try Self.roundTrip(
            LibraryModel(
                id: "l", creationTime: Self.date, description: "d", lastModifiedTime: Self.date, lastSyncTime: Self.date, name: "n",
                storageBackings: [Self.backing], type: .local, version: "1", serverGUID: "g"
            )
        )
        try Self.roundTrip(LibraryModel())
        try Self.roundTrip(LibraryFindSpec(name: "n", type: .local))
        try Self.roundTrip(
            ItemModel(
                id: "i", libraryID: "l", contentVersion: "2", creationTime: Self.date, description: "d", lastModifiedTime: Self.date,
                lastSyncTime: Self.date, metadataVersion: "1", name: "n", cached: true, size: 5, type: "ovf", version: "3",
                sourceID: "s", securityCompliance: false
            )
        )
        try Self.roundTrip(ItemModel())
        try Self.roundTrip(ItemFindSpec(name: "n", libraryID: "l", sourceID: "s", type: "iso", cached: true))
        try Self.roundTrip([ItemFileInfo(checksumInfo: Self.checksum, name: "f", size: 1, cached: true, version: "1")])
        try Self.roundTrip(
            StorageInfo(
                storageBacking: Self.backing, storageURIs: ["file:///a"], checksumInfo: nil, name: "f", size: 1, cached: true, version: "1"
            )
        )
        try Self.roundTrip(TypeInfo(type: "ovf", name: "OVF", description: "d", vendor: "v", version: "1"))
        let preview = PreviewInfo(
            warnings: [PreviewWarning(type: "SELF_SIGNED_CERTIFICATE", message: Self.message, ignored: false)],
            certificateInfo: Self.certificate, certChain: ["MIIB"]
        )
        try Self.roundTrip(
            UpdateSessionModel(
                id: "s", libraryItemID: "i", libraryItemContentVersion: "1", errorMessage: Self.message, clientProgress: 40,
                state: .active, expirationTime: Self.date, previewInfo: preview,
                warningBehavior: [WarningBehavior(type: "SELF_SIGNED_CERTIFICATE", ignored: true)]
            )
        )
        try Self.roundTrip(UpdateSessionModel(previewInfo: PreviewInfo(state: .unavailable)))
        try Self.roundTrip(SessionFileAddSpec(name: "f", sourceType: .pull, sourceEndpoint: Self.endpoint, size: 3, checksumInfo: Self.checksum))
        try Self.roundTrip(
            SessionFileInfo(
                name: "f", sourceType: .push, size: 3, checksumInfo: Self.checksum, sourceEndpoint: Self.endpoint,
                uploadEndpoint: Self.endpoint, bytesTransferred: 3, status: .error, errorMessage: Self.message, keepInStorage: true
            )
        )
        try Self.roundTrip(
            ValidationResult(hasErrors: true, missingFiles: ["m"], invalidFiles: [ValidationError(name: "x", errorMessage: Self.message)])
        )
        try Self.roundTrip(ProbeResult(status: .certificateError, sslThumbprint: "AA", sslCertificate: "PEM", errorMessages: [Self.message]))
        try Self.roundTrip(ProbeResult(status: .success))
    }

    /// Encodes typed and decodes back: equal, and the typed value holds every field the plain
    /// JSON of the model holds.
    private static func roundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let typed = try JSONRPCEncoder().encode(value)
        #expect(try typed.decode(T.self) == value, "\(typed)", sourceLocation: sourceLocation)
        let plain = try JSONValue(encoding: value)
        #expect(Self.fieldNames(plain).isSubset(of: Self.fieldNames(typed.untaggedTree)), "\(typed)", sourceLocation: sourceLocation)
    }

    private static func fieldNames(_ value: JSONValue, prefix: String = "") -> Set<String> {
        switch value {
        case .object(let members):
            Set(members.flatMap { key, member in [prefix + key] + Self.fieldNames(member, prefix: prefix + key + ".") })
        case .array(let elements):
            Set(elements.flatMap { Self.fieldNames($0, prefix: prefix) })
        default:
            []
        }
    }
}

extension JSONValue {
    /// The whole tree without vAPI tags; unset optionals dropped.
    fileprivate var untaggedTree: JSONValue {
        switch self.untagged {
        case .object(let members): .object(members.mapValues(\.untaggedTree).filter { $0.value != .null })
        case .array(let elements): .array(elements.map(\.untaggedTree))
        case let other: other
        }
    }
}
