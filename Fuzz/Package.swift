// swift-tools-version:6.2
import PackageDescription

/// libFuzzer targets for the readers of untrusted input (issue 12, "Fuzzing").
///
/// A package of its own, depending on the main package by path, so that the fuzz executables
/// (whose `main` hands control to libFuzzer's `LLVMFuzzerRunDriver`) and their sanitizer flags
/// never enter the main package's build or CI. Build and run one target with `scripts/fuzz TARGET SECONDS`, which passes
/// `-sanitize=fuzzer,address -parse-as-library -enable-testing` to every Swift module of the build
/// and uses its own scratch path (`.build-fuzz`).
///
/// The targets reach the internal parsers with `@testable import`, which is why every module is
/// compiled with `-enable-testing`: the main package needs no access changes for fuzzing.
///
/// Each target depends only on the product it fuzzes, so a build of the adapter targets never
/// compiles the server's dependencies (Hummingbird, GRDB, AsyncHTTPClient, NIOSSL); `FuzzJSONRPC`
/// needs only the JSON-RPC codec (`ContentLibraryJSONRPC`: the operations and NIOCore, no HTTP),
/// and `FuzzSOAP` only the SOAP codec (`ContentLibrarySOAP`: libxml2 and swift-log).
/// A fuzz target: its `LLVMFuzzerTestOneInput`, the shared driver, and the product it fuzzes.
func fuzzTarget(_ name: String, product: String) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: product, package: "content-library")])
}

let package = Package(
    name: "content-library-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "content-library", path: ".."),
    ],
    targets: [
        // The declaration of libFuzzer's driver, which each target's `main` calls.
        .target(name: "CFuzzerDriver"),
        // Helpers shared by the targets: the fuzzer's `main`, an in-memory content view, and a
        // blocking wait for async checks.
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzerDriver", .product(name: "ContentLibraryAdapters", package: "content-library")]
        ),
        // The OVF descriptor reader: the hardened XML parser, the descriptor model and all its rules.
        fuzzTarget("FuzzDescriptor", product: "StandardAdapters"),
        // The manifest (.mf) parser.
        fuzzTarget("FuzzManifest", product: "StandardAdapters"),
        // The certificate (.cert) reader: PEM blocks, the signature line, X.509 parsing.
        fuzzTarget("FuzzCertificate", product: "StandardAdapters"),
        // The OVA tar reader (ustar, GNU, pax), the sliced member view and the layout rules.
        fuzzTarget("FuzzOVA", product: "StandardAdapters"),
        // The ISO reader: volume descriptors, El Torito, UDF recognition.
        fuzzTarget("FuzzISO", product: "StandardAdapters"),
        // The QCOW2 header reader and the adapter checks on its fields.
        fuzzTarget("FuzzQCOW2Header", product: "QCOW2Adapter"),
        // The JSON-RPC request decoder: JSON parsing, the envelope, and the tagged-input decoder.
        fuzzTarget("FuzzJSONRPC", product: "ContentLibraryJSONRPC"),
        // The `/sdk` endpoint: the SOAP XML parser, the envelope, and every method behind a login
        // (the property collector's specs and traversals, container views), unauthenticated and not.
        fuzzTarget("FuzzSOAP", product: "ContentLibrarySOAP"),
    ]
)
