import AccordStore
import Foundation

/// Where and how to reach a PostgreSQL database, read from a `postgres://` or
/// `postgresql://` URL as libpq reads it: user, password, host (or a Unix-socket folder as the
/// host, or in the `host=` parameter), port, database and `sslmode`, with libpq's environment
/// variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, `PGPASSWORD`, `PGSSLMODE`,
/// `PGSSLROOTCERT`, `PGPASSFILE`) and `~/.pgpass` filling in what the URL leaves out.
public struct ConnectionTarget: Sendable, Equatable {
    /// libpq's `sslmode` values (`allow` is not supported).
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Never TLS.
        case disable
        /// TLS when the server offers it, unverified (libpq's default).
        case prefer
        /// TLS or no connection, unverified.
        case require
        /// TLS with the server's certificate checked against the trusted roots.
        case verifyCA = "verify-ca"
        /// As verify-ca, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    /// The role to log in as.
    public var user: String
    /// The password, if one was found; never shown.
    public var password: String?
    /// The database on the server.
    public var database: String
    /// A host name or address, or an absolute path to the folder of the server's Unix socket.
    public var host: String
    /// The server's port (also names the Unix socket file).
    public var port: Int
    /// Whether and how to use TLS over TCP (a Unix socket never uses it).
    public var sslMode: SSLMode
    /// The file of trusted root certificates for verify-ca and verify-full.
    public var sslRootCert: String?

    /// Whether `location` is a PostgreSQL URL rather than a file path.
    public static func isURL(_ location: String) -> Bool {
        let lowered = location.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// Whether the host is a Unix-socket folder.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file for a Unix-socket host.
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// The URL as shown in messages: without the password.
    public var display: String {
        let hostPart = isUnixSocket ? "" : (host.contains(":") ? "[\(host)]" : host) + (port == 5432 ? "" : ":\(port)")
        let query = isUnixSocket ? "?host=" + host + (port == 5432 ? "" : "&port=\(port)") : ""
        return "postgres://\(user)@\(hostPart)/\(database)\(query)"
    }

    /// Reads `url`; `environment` and the password file fill in what it leaves out. The password
    /// file's folder is `homeDirectory`, else `$HOME`, else the account's (as libpq finds it).
    public init(url: String, environment: [String: String], homeDirectory: String? = nil) throws {
        let homeDirectory = homeDirectory ?? Self.homeDirectory(environment)
        guard Self.isURL(url), let schemeEnd = url.range(of: "://") else {
            throw StoreError.invalidLocation(Self.redacted(url), "expected postgres://user@host:port/database")
        }
        var rest = String(url[schemeEnd.upperBound...])
        var parameters: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                // The message names the parameter, never its value (it may be the password).
                guard parts.count == 2, let key = Self.percentDecoded(parts[0]) else {
                    throw StoreError.invalidLocation(Self.redacted(url), "cannot read the parameter '\(parts[0])'")
                }
                guard let value = Self.percentDecoded(parts[1]) else {
                    throw StoreError.invalidLocation(Self.redacted(url), "cannot read the value of the parameter '\(key)'")
                }
                guard Self.knownParameters.contains(key) else {
                    throw StoreError.invalidLocation(Self.redacted(url), "unknown parameter '\(key)'; expected one of: "
                        + Self.knownParameters.sorted().joined(separator: ", "))
                }
                parameters[key] = value
            }
            rest = String(rest[..<question])
        }
        var databasePart: String?
        if let slash = rest.firstIndex(of: "/") {
            databasePart = String(rest[rest.index(after: slash)...])
            rest = String(rest[..<slash])
        }
        var userPart: String?, passwordPart: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                userPart = String(userInfo[..<colon])
                passwordPart = String(userInfo[userInfo.index(after: colon)...])
            } else {
                userPart = String(userInfo)
            }
            rest = String(rest[rest.index(after: at)...])
        }
        var hostPart: String?, portPart: String?
        if rest.contains(",") {
            throw StoreError.invalidLocation(Self.redacted(url), "several hosts are not supported")
        }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            hostPart = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portPart = String(after.dropFirst()) }
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = String(rest[..<colon])
            portPart = String(rest[rest.index(after: colon)...])
        } else if !rest.isEmpty {
            hostPart = rest
        }
        func decoded(_ text: String?, _ what: String) throws -> String? {
            guard let text, !text.isEmpty else { return nil }
            guard let value = Self.percentDecoded(text) else {
                throw StoreError.invalidLocation(Self.redacted(url), "cannot read the \(what)")
            }
            return value
        }
        let userName = try parameters["user"] ?? decoded(userPart, "user name") ?? environment["PGUSER"].nonEmpty
            ?? Self.loginName()
        user = userName
        database = try parameters["dbname"] ?? decoded(databasePart, "database name") ?? environment["PGDATABASE"].nonEmpty
            ?? userName
        host = try parameters["host"].nonEmpty ?? decoded(hostPart, "host") ?? environment["PGHOST"].nonEmpty
            ?? Self.defaultSocketFolder()
        if host.contains(",") {
            // libpq's list of hosts to try in turn; a comma in one socket folder's name is
            // not worth telling apart from it.
            throw StoreError.invalidLocation(Self.redacted(url), "several hosts are not supported")
        }
        let portText = try parameters["port"].nonEmpty ?? decoded(portPart, "port") ?? environment["PGPORT"].nonEmpty ?? "5432"
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw StoreError.invalidLocation(Self.redacted(url), "invalid port '\(portText)'")
        }
        self.port = port
        let modeText = parameters["sslmode"] ?? environment["PGSSLMODE"].nonEmpty ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw StoreError.invalidLocation(Self.redacted(url), "unknown sslmode '\(modeText)'; expected one of: "
                + SSLMode.allCases.map(\.rawValue).joined(separator: ", "))
        }
        sslMode = mode
        sslRootCert = parameters["sslrootcert"] ?? environment["PGSSLROOTCERT"].nonEmpty
        password = try parameters["password"] ?? decoded(passwordPart, "password") ?? environment["PGPASSWORD"]
        if password == nil {
            let file = environment["PGPASSFILE"].nonEmpty ?? homeDirectory + "/.pgpass"
            password = PasswordFile.password(in: file, host: host, port: port, database: database, user: user)
        }
    }

    /// The URL parameters Accord reads (libpq knows more; the others are refused, not ignored).
    static let knownParameters: Set<String> = ["host", "port", "user", "password", "dbname", "sslmode", "sslrootcert"]

    /// A URL with any password replaced, for messages about a URL that did not parse.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        var rest = String(url[schemeEnd.upperBound...])
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        if let at = rest[..<authorityEnd].lastIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
            rest.replaceSubrange(colon..<at, with: ":***")
        }
        // Every parameter the user may have meant as the password, whatever libpq makes of it:
        // its key, decoded, in any case.
        if let question = rest.firstIndex(of: "?") {
            let pairs = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
                .map { pair -> String in
                    guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
                    let key = pair[..<equals]
                    let meant = (percentDecoded(key) ?? String(key)).lowercased()
                    return meant.contains("password") ? key + "=***" : String(pair)
                }
            rest = String(rest[...question]) + pairs.joined(separator: "&")
        }
        return String(url[..<schemeEnd.upperBound]) + rest
    }

    /// `text` with each `%` and two hexadecimal digits replaced by that byte; nil when a `%`
    /// is not followed by two, when it encodes a NUL (libpq refuses `%00`: the server's
    /// start-up message cannot carry one), or when the bytes are not UTF-8. Foundation's
    /// `removingPercentEncoding` reads the rest alike, but its NSString path costs a million
    /// instructions at its first use, a tenth of what `add` on PostgreSQL runs.
    static func percentDecoded(_ text: some StringProtocol) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            let decoded = high << 4 | low
            guard decoded != 0 else { return nil }
            bytes.append(decoded)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The process's variables that libpq reads (and `HOME` and `USER`), each read with
    /// `getenv`: `ProcessInfo.processInfo.environment` copies every variable at each use.
    static func processEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in ["PGUSER", "PGDATABASE", "PGHOST", "PGPORT", "PGSSLMODE", "PGSSLROOTCERT", "PGPASSWORD",
                     "PGPASSFILE", "HOME", "USER"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }

    /// `$HOME` when set, else the account's home folder, as libpq looks for `~/.pgpass`.
    static func homeDirectory(_ environment: [String: String]) -> String {
        environment["HOME"].nonEmpty ?? NSHomeDirectory()
    }

    private static func loginName() -> String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return getenv("USER").map { String(cString: $0) } ?? "postgres"
    }

    /// Debian's libpq looks for the server's socket in /var/run/postgresql, others in /tmp.
    private static func defaultSocketFolder() -> String {
        FileManager.default.fileExists(atPath: "/var/run/postgresql") ? "/var/run/postgresql" : "/tmp"
    }
}

/// `~/.pgpass`: lines of `host:port:database:user:password`, `*` matching anything, `\:` and
/// `\\` escaping. Like libpq, a file that others may read is ignored.
enum PasswordFile {
    /// The password of the first matching line, if any.
    static func password(in path: String, host: String, port: Int, database: String, user: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & 0o077 == 0,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        // Over a Unix socket libpq matches the host field against "localhost" too.
        let hosts = host.hasPrefix("/") ? [host, "localhost"] : [host]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#") else { continue }
            let fields = self.fields(String(line))
            guard fields.count == 5 else { continue }
            func matches(_ field: String, _ values: [String]) -> Bool { field == "*" || values.contains(field) }
            if matches(fields[0], hosts), matches(fields[1], [String(port)]), matches(fields[2], [database]),
               matches(fields[3], [user]) {
                return fields[4]
            }
        }
        return nil
    }

    /// A line's fields, split at unescaped colons, with the escapes removed.
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", isEscaped = false
        for character in line {
            if isEscaped {
                current.append(character)
                isEscaped = false
            } else if character == "\\" {
                isEscaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

extension Optional where Wrapped == String {
    /// Nil for an empty string, as libpq treats empty settings.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
