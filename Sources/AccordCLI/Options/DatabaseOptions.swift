import AccordPostgres
import AccordStore
import AccordCore
import AccordRows
import ArgumentParser
import Foundation

/// `--db`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file, or a postgres:// URL for a shared PostgreSQL database (default: $ACCORD_DB, else $XDG_DATA_HOME/accord/accord.sqlite).",
        valueName: "path|url"))
    var db: String?

    /// Opens the store: the one place where the backend is chosen, by the location's form
    /// (a `postgres://` or `postgresql://` URL, else an SQLite file).
    func open(_ access: StoreAccess) throws -> any CommitmentStore {
        let location = path(for: access)
        if ConnectionTarget.isURL(location) { return try PostgresStore.open(url: location, access: access) }
        return OpenStores.keep(try AppDatabase.open(path: location, access: access))
    }

    /// Runs `body` on the store opened for writing; a database file that does not exist yet
    /// appears only if `body` succeeds (a PostgreSQL database is rolled back instead).
    func write<T>(_ body: (any CommitmentStore) throws -> T) throws -> T {
        let location = path(for: .write)
        if ConnectionTarget.isURL(location) { return try body(PostgresStore.open(url: location, access: .write)) }
        return try AppDatabase.write(creatingAt: location) { try body($0) }
    }

    /// The database file and its side files, which no output may overwrite.
    func files() -> [String] {
        AppDatabase.files(atPath: path(for: .read))
    }

    /// The database's path; for writes, the default folder is created on first use.
    private func path(for access: StoreAccess) -> String {
        if let path = db ?? Environment.value("ACCORD_DB").flatMap({ $0.isEmpty ? nil : $0 }) {
            return path
        }
        let dataHome = Environment.value("XDG_DATA_HOME").flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? ((Environment.value("HOME").flatMap { $0.hasPrefix("/") ? $0 : nil } ?? NSHomeDirectory()) + "/.local/share")
        let folder = dataHome + "/accord"
        if access == .write {
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        return folder + "/accord.sqlite"
    }
}

extension DatabaseOptions: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] { [.option("--db") { $0.db = $1 }] }
}
