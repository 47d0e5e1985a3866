// swift-tools-version:6.1
import PackageDescription

// The layers, each depending only on those below it:
//   accord → AccordCLI → {AccordPostgres → AccordStore, AccordFormats} → AccordRows → AccordCore
// AccordCore is the domain (values, rules, tallies: no I/O, no output format, no pointers);
// AccordRows is the byte-level row path that the store fills and the formats read; only
// AccordStore imports GRDB, only AccordPostgres imports PostgresNIO, only AccordCLI imports
// ArgumentParser.
//
// Generic types with known arguments (`OptionGroup<DatabaseOptions>`) are made by calling their
// metadata accessor rather than from a mangled name, which the runtime checks against the
// generic requirements by scanning every protocol conformance record of the binary (a quarter
// of a million instructions per type at start-up).
let directMetadataAccess: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "Accord",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "accord", targets: ["accord"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // postgres-nio's own, named to read why a TCP connection failed (NIOConnectionError).
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        // postgres-nio's too, named for its handler that logs nothing.
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        .target(name: "AccordCore", swiftSettings: directMetadataAccess),
        .target(name: "AccordRows", dependencies: ["AccordCore"], swiftSettings: directMetadataAccess),
        .target(name: "AccordFormats", dependencies: ["AccordCore", "AccordRows"], swiftSettings: directMetadataAccess),
        .target(
            name: "AccordStore",
            dependencies: [
                "AccordCore",
                "AccordRows",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // `migrations` is a symlink to the top-level folder: the SQL files are compiled
            // into the binary, so a copied `accord` needs no resource bundle.
            resources: [.embedInCode("migrations")],
            swiftSettings: directMetadataAccess
        ),
        .target(
            name: "AccordPostgres",
            dependencies: [
                "AccordCore",
                "AccordRows",
                "AccordStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // `migrations` is a symlink to migrations/postgres, compiled in like SQLite's.
            resources: [.embedInCode("migrations")],
            swiftSettings: directMetadataAccess
        ),
        .target(
            name: "AccordCLI",
            dependencies: [
                "AccordCore",
                "AccordFormats",
                "AccordStore",
                "AccordPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: directMetadataAccess
        ),
        .executableTarget(
            name: "accord",
            dependencies: ["AccordCLI"],
            // A release binary starts faster (`--version` in half the time) when it is not
            // position independent (no 85,000 relocations to apply at every start, as Go's
            // tools ship) and exports no symbols for dladdr() to search (nothing links to it).
            linkerSettings: [
                .unsafeFlags(["-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"], .when(configuration: .release)),
            ]
        ),
        // What several test targets share (a seeded generator, random histories); never in the product.
        .target(name: "AccordTestSupport", dependencies: ["AccordCore"], path: "Tests/AccordTestSupport"),
        .testTarget(name: "AccordCoreTests", dependencies: ["AccordCore", "AccordTestSupport"]),
        .testTarget(name: "AccordRowsTests", dependencies: ["AccordRows", "AccordCore"]),
        .testTarget(
            name: "AccordFormatsTests",
            dependencies: ["AccordFormats", "AccordRows", "AccordCore", "AccordTestSupport"],
            // The csv-spectrum vectors (MIT licence, see its README).
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AccordStoreTests",
            dependencies: [
                "AccordStore", "AccordRows", "AccordCore", "AccordTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // A database of the first released schema, opened by every later build.
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AccordPostgresTests",
            dependencies: [
                "AccordPostgres", "AccordStore", "AccordRows", "AccordCore", "AccordTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "AccordCLITests", dependencies: ["accord", "AccordCLI", "AccordFormats", "AccordCore", "AccordTestSupport"]),
    ]
)
