//===----------------------------------------------------------------------===//
//
// This source file is part of the ContentLibrary project.
// SPDX-License-Identifier: Apache-2.0
//
//===----------------------------------------------------------------------===//

/// Every structure the server sends over JSON-RPC: canonical id → field → binding type.
///
/// Copied from the `StructType` definitions of the 9.1.1 bindings (`vmware-vcenter`,
/// `vmware-vapi-common-client`): a field is `.optional` exactly where the binding says
/// `OptionalType`. This is the only place that knows which fields are optional; the codec
/// walks it to add the tags, so a new output field needs one line here.
enum JSONRPCSchema {
    /// The fields of one structure.
    typealias Fields = [String: JSONRPCType]

    static let localizableMessage = "com.vmware.vapi.std.localizable_message"
    static let updateSessionModel = "com.vmware.content.library.item.update_session_model"
    static let sessionFileInfo = "com.vmware.content.library.item.updatesession.file.info"
    static let validationResult = "com.vmware.content.library.item.updatesession.file.validation_result"
    static let itemModel = "com.vmware.content.library.item_model"
    static let itemFileInfo = "com.vmware.content.library.item.file.info"
    static let storageInfo = "com.vmware.content.library.item.storage.info"
    static let libraryModel = "com.vmware.content.library_model"
    static let typeInfo = "com.vmware.content.type.info"
    static let sessionInfo = "com.vmware.cis.session.info"
    /// The fields every `com.vmware.vapi.std.errors.*` class has (Unauthenticated adds `challenge`).
    static let standardError = "com.vmware.vapi.std.errors.error"

    private static let transferEndpoint = "com.vmware.content.library.item.transfer_endpoint"
    private static let checksumInfo = "com.vmware.content.library.item.file.checksum_info"
    private static let storageBacking = "com.vmware.content.library.storage_backing"
    private static let previewInfo = "com.vmware.content.library.item.updatesession.preview_info"
    private static let certificateInfo = "com.vmware.content.library.item.updatesession.certificate_info"
    private static let previewWarningInfo = "com.vmware.content.library.item.updatesession.preview_warning_info"
    private static let warningBehavior = "com.vmware.content.library.item.updatesession.warning_behavior"
    private static let validationError = "com.vmware.content.library.item.updatesession.file.validation_error"

    /// The fields of the structure `id`; `nil` for an id not listed.
    static func fields(of id: String) -> Fields? { self.structures[id] }

    private static let optionalValue = JSONRPCType.optional(.primitive)

    /// Every structure, by id.
    static let structures: [String: Fields] = [
        localizableMessage: [
            "id": .primitive, "default_message": .primitive, "args": .list(.primitive),
            "params": optionalValue, "localized": optionalValue,
        ],
        standardError: [
            "messages": .list(.structure(localizableMessage)), "data": optionalValue, "error_type": optionalValue,
        ],
        sessionInfo: ["user": .primitive, "created_time": .primitive, "last_accessed_time": .primitive],
        updateSessionModel: [
            "id": optionalValue, "library_item_id": optionalValue, "library_item_content_version": optionalValue,
            "error_message": .opt(localizableMessage), "client_progress": optionalValue, "state": optionalValue,
            "expiration_time": optionalValue, "preview_info": .opt(previewInfo),
            "warning_behavior": .optional(.list(.structure(warningBehavior))),
        ],
        previewInfo: [
            "state": .primitive, "certificate_info": .opt(certificateInfo),
            "warnings": .optional(.list(.structure(previewWarningInfo))), "cert_chain": .optional(.list(.primitive)),
        ],
        certificateInfo: ["issuer": .primitive, "subject": .primitive, "self_signed": .primitive, "x509": .primitive],
        previewWarningInfo: ["type": .primitive, "message": .structure(localizableMessage), "ignored": .primitive],
        warningBehavior: ["type": .primitive, "ignored": .primitive],
        sessionFileInfo: [
            "name": .primitive, "source_type": .primitive, "size": optionalValue, "checksum_info": .opt(checksumInfo),
            "source_endpoint": .opt(transferEndpoint), "upload_endpoint": .opt(transferEndpoint),
            "bytes_transferred": .primitive, "status": .primitive, "error_message": .opt(localizableMessage),
            "keep_in_storage": optionalValue,
        ],
        transferEndpoint: ["uri": .primitive, "ssl_certificate_thumbprint": optionalValue, "ssl_certificate": optionalValue],
        checksumInfo: ["algorithm": optionalValue, "checksum": .primitive],
        validationResult: [
            "has_errors": .primitive, "missing_files": .list(.primitive), "invalid_files": .list(.structure(validationError)),
        ],
        validationError: ["name": .primitive, "error_message": .structure(localizableMessage)],
        itemModel: [
            "id": optionalValue, "library_id": optionalValue, "content_version": optionalValue, "creation_time": optionalValue,
            "description": optionalValue, "last_modified_time": optionalValue, "last_sync_time": optionalValue,
            "metadata_version": optionalValue, "name": optionalValue, "cached": optionalValue, "size": optionalValue,
            "type": optionalValue, "version": optionalValue, "source_id": optionalValue, "security_compliance": optionalValue,
        ],
        itemFileInfo: [
            "checksum_info": .opt(checksumInfo), "name": .primitive, "size": .primitive, "cached": .primitive, "version": .primitive,
        ],
        storageInfo: [
            "storage_backing": .structure(storageBacking), "storage_uris": .list(.primitive), "checksum_info": .opt(checksumInfo),
            "name": .primitive, "size": .primitive, "cached": .primitive, "version": .primitive,
        ],
        storageBacking: ["type": optionalValue, "datastore_id": optionalValue, "storage_uri": optionalValue],
        libraryModel: [
            "id": optionalValue, "creation_time": optionalValue, "description": optionalValue,
            "last_modified_time": optionalValue, "last_sync_time": optionalValue, "name": optionalValue,
            "storage_backings": .optional(.list(.structure(storageBacking))), "type": optionalValue,
            "version": optionalValue, "server_guid": optionalValue,
        ],
        typeInfo: [
            "description": .primitive, "name": .primitive, "type": .primitive, "vendor": .primitive, "version": .primitive,
            "supported_rules": .optional(.list(.primitive)),
        ],
    ]
}
