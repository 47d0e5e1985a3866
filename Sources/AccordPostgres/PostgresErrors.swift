import AccordStore
import PostgresNIO

extension PostgresStore {
    /// The store error for a PostgreSQL error, by SQLSTATE (see the README's exit codes).
    static func storeError(_ error: PSQLError, display: String) -> Error {
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? state
            switch state {
            case "55P03", "40001", "40P01":
                // A lock wait past lock_timeout, a serialization failure or deadlock: nothing
                // was written, and trying again may work.
                return StoreError.busy(display)
            case "53300":
                // Too many connections: nothing was done either, and trying again may work.
                return StoreError.overloaded(display, message)
            case "42501":
                return StoreError.permissionDenied(display, message + " (ask the database's owner for the role's rights)")
            case "28P01", "28000":
                return StoreError.permissionDenied(display, message)
            case "3D000":
                return StoreError.cannotOpen(display, message
                    + "; create it first (createdb), Accord makes its tables on the first write")
            case "53100":
                return StoreError.diskFull(display)
            case "25006":
                return StoreError.readOnly(display)
            case "XX001", "XX002":
                return StoreError.corrupt(display)
            case "08P01" where poolerLoginRefusals.contains(message):
                // PgBouncer refuses a login as a protocol violation, in these words, where the
                // server says 28P01 or 28000.
                return StoreError.permissionDenied(display, message)
            case "08P01" where poolerBusy.contains(where: message.hasPrefix):
                // And a full pool, where the server says 53300.
                return StoreError.overloaded(display, message)
            case let state where state.hasPrefix("08") || state.hasPrefix("57P"):
                return StoreError.cannotOpen(display, message)
            default:
                return StoreError.database(message)
            }
        }
        switch error.code {
        case .connectionError:
            let reason = error.underlying.map { "\($0)" } ?? "unknown reason"
            return StoreError.cannotOpen(display, "cannot connect to the server: \(reason)")
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return connectionLost(display)
        case .sslUnsupported:
            return StoreError.cannotOpen(display, "the server does not offer TLS, which sslmode requires")
        case .authMechanismRequiresPassword:
            return StoreError.permissionDenied(
                display, "the server asks for a password: put it in PGPASSWORD or ~/.pgpass (never in a shared URL)")
        case .unsupportedAuthMechanism, .saslError:
            return StoreError.permissionDenied(display, "authentication failed (\(error.code))")
        default:
            return StoreError.database("\(error.code)")
        }
    }

    /// PgBouncer's messages (1.18), sent with SQLSTATE 08P01, for a login it refuses: a wrong
    /// password (md5 or plain, SCRAM), a `reject` line of its hba file, a role its auth_query
    /// does not find, no password where one is asked in plain text.
    static let poolerLoginRefusals: Set<String> = [
        "password authentication failed", "SASL authentication failed", "login rejected", "no such user",
        "empty password returned by client",
    ]
    /// The beginnings of PgBouncer's messages (1.18, SQLSTATE 08P01) for a client it cannot take
    /// now: past `max_client_conn`, or waiting for a server session past `query_wait_timeout`.
    static let poolerBusy = ["no more connections allowed", "query_wait_timeout"]

    /// The error of a connection that ended under a command: the server rolled back whatever
    /// the command had not committed.
    static func connectionLost(_ display: String) -> StoreError {
        StoreError.cannotOpen(display, "the connection to the server was lost; nothing more was written")
    }

    /// The SQLSTATE of a server error, if `error` is one.
    static func sqlState(_ error: Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
