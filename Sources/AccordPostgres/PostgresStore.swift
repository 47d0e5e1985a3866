import AccordCore
import AccordRows
import AccordStore
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// The PostgreSQL implementation of ``CommitmentStore`` (team mode): one connection per
/// command, every call one transaction, the same rules and output as the SQLite store.
///
/// Writes take one advisory lock per database (`pg_advisory_xact_lock`), as SQLite's
/// `BEGIN IMMEDIATE` does, so that no update is lost and ids are given out in order; `change`
/// also locks its row (`FOR UPDATE`). Reports read one `REPEATABLE READ READ ONLY` snapshot.
/// Lock waits end after 15 s (`lock_timeout`) with ``StoreError/busy(_:)``.
///
/// Nothing relies on the server session outliving a transaction, so that a pooler can stand
/// between Accord and the server, in session or transaction pooling (PgBouncer): each
/// transaction makes its own settings (``transactionSettings``), and the start-up message
/// names only parameters a pooler passes on.
///
/// Its jobs live in separate files: connecting and errors (here), migrations
/// (`+Migrating`), writes (`+Writes`), imports through COPY (`+Import`), reads (`+Reads`),
/// streamed rows (`+Rows`), the SQL of reports (`PostgresRequest`).
public final class PostgresStore: CommitmentStore {
    /// How long a statement waits for a lock before giving up, as SQLite's busy timeout.
    static let lockWait: TimeAmount = .seconds(15)
    /// ``lockWait`` as PostgreSQL's `lock_timeout` reads it.
    static let lockTimeout = "\(lockWait.nanoseconds / 1_000_000)ms"
    /// The settings each transaction makes for itself, first thing (`set_config(…, true)` is
    /// `SET LOCAL`): a lock wait ends after ``lockTimeout``. Not start-up parameters, which a
    /// pooler refuses ("unsupported startup parameter") or, told to ignore them, drops; nor
    /// session settings, which in transaction pooling stay on a server session another client
    /// gets next while this one's next transaction runs on another.
    static let transactionSettings = "set_config('lock_timeout', '\(lockTimeout)', true)"
    /// The advisory lock every write takes (advisory locks are per database).
    static let writeLock: Int64 = 0x4163_636F_7264
    /// The advisory lock migrations take.
    static let migrationLock: Int64 = 0x4163_636F_7264_4D

    /// The one event loop every connection of this process runs on. A command has one
    /// connection, which one thread serves; PostgresNIO's default group starts a thread per
    /// core. Never shut down: it lives as long as the process. Its thread is started with
    /// SIGINT, SIGTERM and SIGHUP blocked, so that they reach the main thread, which holds
    /// them back while it creates a temporary file and removes the file when they come.
    static let eventLoops: MultiThreadedEventLoopGroup = {
        var held = sigset_t(), previous = sigset_t()
        sigemptyset(&held)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&held, signalNumber) }
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }()

    let connection: PostgresConnection
    /// The database as shown in messages, without its password.
    let display: String
    let logger: Logger

    private init(connection: PostgresConnection, display: String, logger: Logger) {
        self.connection = connection
        self.display = display
        self.logger = logger
    }

    deinit {
        // The server rolls back whatever is still open when the connection goes. (Stores are
        // released by their callers' threads, never by an event loop, so waiting is safe.)
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Connects to the database at a `postgres://` URL and brings its schema up to date:
    /// reads refuse a database with no Accord schema yet (``StoreError/noDatabase(_:)``),
    /// writes create it.
    public static func open(url: String, access: StoreAccess) throws -> PostgresStore {
        let target = try ConnectionTarget(url: url, environment: ConnectionTarget.processEnvironment())
        let store = try connect(target)
        try store.prepareSchema(for: access)
        return store
    }

    /// Connects without touching the schema.
    static func connect(_ target: ConnectionTarget) throws -> PostgresStore {
        // Nothing is logged: the errors reach the user as Accord's own messages. (The default
        // handler would also format the metadata PostgresNIO sets on it, at every connection.)
        let logger = Logger(label: "accord.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let display = target.display
        let configuration = try mapErrors(display: display) { try makeConfiguration(target) }
        let endpoint = target.isUnixSocket ? target.socketPath : "\(target.host):\(target.port)"
        let connection: PostgresConnection
        do {
            // NIO's future, waited for here: no task and no thread of Swift concurrency's.
            let connecting = PostgresConnection.connect(
                on: eventLoops.next(), configuration: configuration, id: 1, logger: logger)
            connection = try connecting.wait()
        } catch let error as PSQLError where error.code == .connectionError {
            // The system's words for why no server answered, without NIO's call names.
            let reason = error.underlying.flatMap { socketReason($0) ?? tlsReason($0) }
                ?? error.underlying.map { "\($0)" } ?? "no answer"
            throw StoreError.cannotOpen(display, "cannot connect to the server at \(endpoint): \(reason)")
        } catch let error as PSQLError {
            throw storeError(error, display: display)
        }
        return PostgresStore(connection: connection, display: display, logger: logger)
    }

    /// Why no connection was made, in the system's words: the error of a socket call, or of
    /// the first address NIO tried for a host name (the rest are usually the same), or a name
    /// that does not resolve.
    static func socketReason(_ error: any Error) -> String? {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        guard let error = error as? NIOConnectionError else { return nil }
        if let failure = error.connectionErrors.first { return socketReason(failure.error) ?? "\(failure.error)" }
        if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name \(error.host) was not found" }
        return nil
    }

    /// Why a TLS handshake failed, in words (NIOSSL's own name BoringSSL's source files).
    static func tlsReason(_ error: any Error) -> String? {
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return "TLS: the server's certificate does not name this host (sslmode=verify-full)"
        }
        guard let error = error as? NIOSSLError, case .handshakeFailed = error else { return nil }
        return "\(error)".contains("CERTIFICATE_VERIFY_FAILED")
            ? "TLS: the server's certificate is not signed by a trusted root (give the root with sslrootcert)"
            : "TLS: the handshake failed"
    }

    /// The connection's settings: TLS as libpq's `sslmode` means it, and the start-up
    /// parameters every command relies on, only those a pooler such as PgBouncer passes on
    /// (the rest are ``transactionSettings``).
    static func makeConfiguration(_ target: ConnectionTarget) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if target.isUnixSocket {
            configuration = .init(unixSocketPath: target.socketPath, username: target.user,
                                  password: target.password, database: target.database)
        } else {
            configuration = .init(host: target.host, port: target.port, username: target.user,
                                  password: target.password, database: target.database, tls: try tls(target))
        }
        configuration.options.additionalStartupParameters = [
            ("application_name", "accord"),
            ("DateStyle", "ISO, YMD"),
        ]
        return configuration
    }

    private static func tls(_ target: ConnectionTarget) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch target.sslMode {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        let defaultRoot = ConnectionTarget.homeDirectory(ConnectionTarget.processEnvironment()) + "/.postgresql/root.crt"
        if let root = target.sslRootCert, root != "system" {
            tls.trustRoots = .file(root)
        } else if target.sslRootCert == nil, FileManager.default.fileExists(atPath: defaultRoot) {
            tls.trustRoots = .file(defaultRoot)
        }
        let context = try NIOSSLContext(configuration: tls)
        typealias TLS = PostgresConnection.Configuration.TLS
        return target.sslMode == .prefer ? TLS.prefer(context) : TLS.require(context)
    }

    // MARK: - Statements and transactions

    /// Runs one statement and returns its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        try mapErrors { try unmappedRows(query) }
    }

    /// Runs one statement, letting the server's error through (for callers that explain
    /// some SQLSTATEs better themselves). With `giveUpAfter`, a statement still unanswered by
    /// then ends with ``StoreError/busy(_:)``, and the connection is closed (the server drops
    /// the statement's wait with it): for a statement outside a transaction, where no
    /// `lock_timeout` of a transaction bounds a wait.
    func unmappedRows(_ query: PostgresQuery, giveUpAfter limit: TimeAmount? = nil) throws -> [PostgresRow] {
        // PostgresNIO never answers a query sent on a closed channel (after the server ended
        // the session, say during an import): refuse it here instead of waiting for ever.
        guard !connection.isClosed else {
            throw Self.connectionLost(display)
        }
        // NIO's future gathers the rows on the event loop; waiting for it here costs no task.
        let result: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        let answer = Self.answered(result, on: connection)
        guard let limit else { return try answer.wait().rows }
        let promise = answer.eventLoop.makePromise(of: PostgresQueryResult.self)
        answer.cascade(to: promise)
        let connection = connection, busy = StoreError.busy(display)
        let timer = answer.eventLoop.scheduleTask(in: limit) {
            promise.fail(busy)
            let _: EventLoopFuture<Void> = connection.close()
        }
        answer.whenComplete { _ in timer.cancel() }
        return try promise.futureResult.wait().rows
    }

    /// `result`, or a lost connection (`PostgresError.connectionClosed`, as COPY's writer
    /// reports it) as soon as the channel closes: a query sent on a channel the server has
    /// just closed is never answered by PostgresNIO 1.33.2, nor failed (an export whose
    /// reader paused while its session was terminated waited for ever for its next batch).
    static func answered<T: Sendable>(_ result: EventLoopFuture<T>, on connection: PostgresConnection) -> EventLoopFuture<T> {
        let promise = result.eventLoop.makePromise(of: T.self)
        result.cascade(to: promise)
        // Completing a promise again does nothing: whichever comes first wins.
        connection.closeFuture.whenComplete { _ in promise.fail(PostgresError.connectionClosed) }
        return promise.futureResult
    }

    /// Runs one statement with no parameters.
    func execute(_ sql: String) throws {
        try rows(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs `body` in one write transaction that holds the database's write lock.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN") {
            // One round trip: the settings come first in the list, so the wait is bounded.
            try execute("SELECT \(Self.transactionSettings), pg_advisory_xact_lock(\(Self.writeLock))")
            return try body()
        }
    }

    /// Runs `body` in one read-only snapshot, with `settings` (`set_config` calls) besides
    /// ``transactionSettings``.
    func readTransaction<T>(settings: [String] = [], _ body: () throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            try execute("SELECT " + ([Self.transactionSettings] + settings).joined(separator: ", "))
            return try body()
        }
    }

    /// Runs `body` in one transaction that `begin` starts: committed when it returns, rolled
    /// back when it throws.
    private func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    // MARK: - Errors

    /// Runs `body`, turning the server's errors into messages about this database.
    func mapErrors<T>(_ body: () throws -> T) throws -> T {
        try Self.mapErrors(display: display, body)
    }

    static func mapErrors<T>(display: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PSQLError {
            throw storeError(error, display: display)
        } catch let error as NIOSSLError {
            throw StoreError.cannotOpen(display, "TLS: \(error)")
        } catch PostgresError.connectionClosed {
            // COPY's writer reports a lost connection with PostgresNIO's older error type.
            throw connectionLost(display)
        } catch let error as PostgresDecodingError {
            throw StoreError.database("unexpected value in column \(error.columnName): \(error.code)")
        }
    }
}
