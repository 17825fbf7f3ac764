// swift-tools-version:6.2
import PackageDescription

/// A downstream package: a content-library server with one extra in-code adapter, built only
/// from the products ContentLibrary publishes. CI builds it, so the documented example compiles.
let package = Package(
    name: "custom-server",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "content-library", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "CustomServer",
            dependencies: [
                .product(name: "ContentLibraryServer", package: "content-library"),
                .product(name: "StandardAdapters", package: "content-library"),
                .product(name: "ContentLibraryAdapters", package: "content-library"),
                .product(name: "ContentLibraryModel", package: "content-library"),
            ]
        )
    ]
)
