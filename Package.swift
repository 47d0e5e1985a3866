// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .target(name: "AccordCore"),
        .target(
            name: "AccordStore",
            dependencies: [
                "AccordCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // `migrations` is a symlink to the top-level folder: the SQL files are compiled
            // into the binary, so a copied `accord` needs no resource bundle.
            resources: [.embedInCode("migrations")]
        ),
        .target(
            name: "AccordCLI",
            dependencies: [
                "AccordCore",
                "AccordStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "accord", dependencies: ["AccordCLI"]),
        .testTarget(name: "AccordCoreTests", dependencies: ["AccordCore"]),
        .testTarget(
            name: "AccordStoreTests",
            dependencies: ["AccordStore", "AccordCore", .product(name: "GRDB", package: "GRDB.swift")],
            // A database of the first released schema, opened by every later build.
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "AccordCLITests", dependencies: ["accord", "AccordCLI", "AccordCore"]),
    ]
)
