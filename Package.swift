// swift-tools-version:6.2
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode with the upcoming features
/// Hummingbird uses, so that imports and existentials are explicit across module seams.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "content-library",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "content-library", targets: ["content-library"]),
        .library(name: "ContentLibraryModel", targets: ["ContentLibraryModel"]),
        .library(name: "ContentLibraryAdapters", targets: ["ContentLibraryAdapters"]),
        .library(name: "StandardAdapters", targets: ["StandardAdapters"]),
        .library(name: "ExternalAdapter", targets: ["ExternalAdapter"]),
        .library(name: "QCOW2Adapter", targets: ["QCOW2Adapter"]),
        // The server as a library, for a server with extra in-code adapters (examples/custom-server).
        .library(name: "ContentLibraryServer", targets: ["ContentLibraryServer"]),
        // The vAPI JSON-RPC codec alone, without the HTTP server: what the fuzz package links.
        .library(name: "ContentLibraryJSONRPC", targets: ["ContentLibraryJSONRPC"]),
        // The vim25 SOAP codec alone (`/sdk`), without the HTTP server: what the fuzz package links.
        .library(name: "ContentLibrarySOAP", targets: ["ContentLibrarySOAP"]),
        .plugin(name: "ValidateContent", targets: ["ValidateContent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Value types shared by every layer and by adapter authors: no I/O, no framework.
        .target(name: "ContentLibraryModel", swiftSettings: swiftSettings),
        // The wire models of the vAPI (libraries, items, update sessions, session files) and their
        // JSON coders: shared by the server and the import client, not by adapter authors.
        .target(name: "ContentLibraryAPI", dependencies: ["ContentLibraryModel"], swiftSettings: swiftSettings),
        // The type-adapter framework: protocol, registry, content view, warning policy.
        .target(
            name: "ContentLibraryAdapters",
            dependencies: [
                "ContentLibraryModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "OVFAdapter",
            dependencies: [
                "ContentLibraryAdapters",
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "ISOAdapter", dependencies: ["ContentLibraryAdapters"], swiftSettings: swiftSettings),
        .target(name: "GenericFileAdapter", dependencies: ["ContentLibraryAdapters"], swiftSettings: swiftSettings),
        // Content views for adapter tests (in memory, counting reads), shared by every adapter's tests.
        .target(name: "ContentLibraryAdaptersTesting", dependencies: ["ContentLibraryAdapters"], swiftSettings: swiftSettings),
        // The built-in adapters as one value, for the server and the CLI.
        .target(
            name: "StandardAdapters",
            dependencies: ["ContentLibraryAdapters", "OVFAdapter", "ISOAdapter", "GenericFileAdapter"],
            swiftSettings: swiftSettings
        ),
        // The example in-code adapter: QCOW2 images, registered on top of the standard adapters.
        .target(name: "QCOW2Adapter", dependencies: ["ContentLibraryAdapters"], swiftSettings: swiftSettings),
        // posix_spawn's working-directory action and close-on-exec pipes, which Swift's Glibc does not export.
        .target(name: "CProcessSpawn"),
        // Adapters in any language: a configured program speaking JSON on stdin/stdout.
        .target(
            name: "ExternalAdapter",
            dependencies: ["ContentLibraryAdapters", "CProcessSpawn", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // The domain: every operation of the API as an async function; all rules live here.
        .target(
            name: "ContentLibraryServices",
            dependencies: [
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryAdapters",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                // Observation only: counters, timers and gauges where the events happen.
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // The embedded stores: SQLite metadata (GRDB, WAL) and a folder of blobs.
        .target(
            name: "ContentLibraryStorage",
            dependencies: [
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryServices",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The shared metadata store: PostgreSQL through postgres-nio's pool, for replicas that
        // share one database (the SQLite store stays the default).
        .target(
            name: "ContentLibraryPostgres",
            dependencies: [
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryServices",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // A fresh PostgreSQL database per test, from CONTENT_LIBRARY_TEST_POSTGRES_URL: shared by
        // the store contract tests and the server tests.
        .target(
            name: "ContentLibraryPostgresTesting",
            dependencies: [
                "ContentLibraryPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // PULL sources: http/https with AsyncHTTPClient, pinned https with NIOSSL, file:// on disk.
        .target(
            name: "ContentLibraryFetch",
            dependencies: [
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryServices",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // The vAPI operation table: every operation once, with its input fields, access and call;
        // the dialects are codecs over it.
        .target(
            name: "ContentLibraryOperations",
            dependencies: ["ContentLibraryModel", "ContentLibraryAPI", "ContentLibraryServices"],
            swiftSettings: swiftSettings
        ),
        // The vAPI JSON-RPC 2.0 wire codec: the `invoke` envelope, transport faults and the typed
        // value encoder, without HTTP (the route is the server's), so the fuzzer builds it alone.
        .target(
            name: "ContentLibraryJSONRPC",
            dependencies: ["ContentLibraryModel", "ContentLibraryAPI", "ContentLibraryOperations"],
            swiftSettings: swiftSettings
        ),
        // The vim25 SOAP codec of `/sdk` (what govc needs): envelope parsing with libxml2, the
        // inventory built from the configuration, the property collector, SOAP session extras.
        .target(
            name: "ContentLibrarySOAP",
            dependencies: ["CLibXML2", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // The HTTP server: wire dialects, the upload endpoint, and the assembly of stores and services.
        .target(
            name: "ContentLibraryServer",
            dependencies: [
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryAdapters",
                "ContentLibraryServices",
                "ContentLibraryOperations",
                "ContentLibraryJSONRPC",
                "ContentLibrarySOAP",
                "ContentLibraryStorage",
                "ContentLibraryPostgres",
                "ContentLibraryFetch",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Metrics", package: "swift-metrics"),
                // The Prometheus backend of `GET /metrics`, one registry per server instance.
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The browser UI (HTML, CSS, JavaScript modules), compiled into the binary as byte
            // arrays (`PackageResources`): `serve` needs no file beside it.
            resources: [.embedInCode("UI/Web")],
            swiftSettings: swiftSettings
        ),
        // The API client of `content-library import`: login, lookups, update sessions, package
        // planning and the resumable uploader, over REST /api with AsyncHTTPClient.
        .target(
            name: "ContentLibraryClient",
            dependencies: [
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryAdapters",
                "OVFAdapter",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Command implementations, kept out of the executable so tests can drive them.
        .target(
            name: "ContentLibraryCLI",
            dependencies: [
                "StandardAdapters",
                "QCOW2Adapter",
                "ExternalAdapter",
                "ContentLibraryServer",
                "ContentLibraryServices",
                "ContentLibraryAPI",
                "ContentLibraryClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "content-library", dependencies: ["ContentLibraryCLI"], swiftSettings: swiftSettings),
        // `swift package validate-content …`: the CLI's offline validation before an upload.
        .plugin(
            name: "ValidateContent",
            capability: .command(
                intent: .custom(verb: "validate-content", description: "Validate content with the type adapters before uploading it.")
            )
            // No tool dependency: the plug-in builds the `content-library` product when it runs
            // (a tool would be compiled a second time, for the host, by every `swift build`).
        ),

        .testTarget(name: "ContentLibraryModelTests", dependencies: ["ContentLibraryModel"], swiftSettings: swiftSettings),
        .testTarget(name: "ContentLibraryAPITests", dependencies: ["ContentLibraryAPI"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ContentLibraryAdaptersTests",
            dependencies: ["ContentLibraryAdapters"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "OVFAdapterTests", dependencies: ["OVFAdapter", "ContentLibraryAdaptersTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ContentLibraryServicesTests",
            dependencies: [
                "ContentLibraryServices",
                "ContentLibraryAPI",
                // The embedded stores and the generic adapter, so service tests run on real storage.
                "ContentLibraryStorage",
                "GenericFileAdapter",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContentLibraryStorageTests",
            // Both metadata stores: one contract suite runs against SQLite and PostgreSQL.
            dependencies: [
                "ContentLibraryStorage", "ContentLibraryPostgres", "ContentLibraryPostgresTesting", "ContentLibraryServices",
                "ContentLibraryAPI", "ContentLibraryModel",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContentLibraryFetchTests",
            dependencies: [
                "ContentLibraryFetch",
                "ContentLibraryServices",
                "ContentLibraryModel",
                "ContentLibraryAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ContentLibraryServerTests",
            dependencies: [
                "ContentLibraryServer",
                "ContentLibraryOperations",
                "ContentLibraryJSONRPC",
                "ContentLibraryAPI",
                "ContentLibraryServices",
                "StandardAdapters",
                "QCOW2Adapter",
                "ExternalAdapter",
                // A fresh PostgreSQL database for the server-on-PostgreSQL test.
                "ContentLibraryPostgresTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                // An independent SHA-256 for the UI's ETags (the server computes them with StreamingHasher).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ContentLibrarySOAPTests", dependencies: ["ContentLibrarySOAP"], resources: [.copy("Envelopes")], swiftSettings: swiftSettings),
        .testTarget(name: "QCOW2AdapterTests", dependencies: ["QCOW2Adapter", "ContentLibraryAdapters", "ContentLibraryModel", "ContentLibraryAdaptersTesting"], swiftSettings: swiftSettings),
        .testTarget(name: "ExternalAdapterTests", dependencies: ["ExternalAdapter", "ContentLibraryAdapters", "ContentLibraryModel"], swiftSettings: swiftSettings),
        .testTarget(name: "ISOAdapterTests", dependencies: ["ISOAdapter", "ContentLibraryAdaptersTesting"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ContentLibraryClientTests",
            dependencies: [
                "ContentLibraryClient",
                "ContentLibraryModel",
                "ContentLibraryAPI",
                "ContentLibraryAdapters",
                // The shipped adapters, whose file claims type the planned items.
                "StandardAdapters",
                "QCOW2Adapter",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "GenericFileAdapterTests", dependencies: ["GenericFileAdapter"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ContentLibraryCLITests",
            dependencies: [
                "ContentLibraryCLI", "ContentLibraryAdapters", "ContentLibraryClient", "content-library",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
