import Foundation

/// The process's environment variables, read one at a time: Foundation's
/// `ProcessInfo.processInfo.environment` copies all of them into a dictionary at each use.
enum Environment {
    /// The variable's value, or nil when it is not set.
    static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
