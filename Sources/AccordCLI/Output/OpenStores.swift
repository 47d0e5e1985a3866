import AccordStore

/// The SQLite stores a run opened: closed before the process exits, and never released.
///
/// Releasing a GRDB queue unregisters it from Foundation's notification centre and disposes
/// of its dispatch queue on a new thread: a tenth of the instructions of `accord list` on an
/// empty database, for nothing when the process ends next. Closing the connection is what
/// matters (SQLite checkpoints and removes the WAL files), and it is done here.
enum OpenStores {
    nonisolated(unsafe) private static var stores: [AppDatabase] = []

    /// Keeps `store` until ``closeAll()``.
    static func keep(_ store: AppDatabase) -> AppDatabase {
        stores.append(store)
        return store
    }

    /// Closes every kept store's connection, before the process exits. A store that cannot
    /// close now is released instead, as every store was before this list.
    static func closeAll() {
        stores.removeAll { store in (try? store.close()) == nil }
    }
}
