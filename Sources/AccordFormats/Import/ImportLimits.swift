import AccordCore

/// How much of an import file is held at once: the parser and the splitter refuse a field, a
/// string or a record beyond these sizes while streaming, so a file with a 100 MB field is
/// refused with bounded memory instead of being read whole first.
public enum ImportLimits {
    /// The longest CSV field, in bytes: a quote or note at its limit in four-byte characters,
    /// with room for surrounding white space. (A list of 50 values of 200 characters is shorter.)
    public static let csvFieldBytes = 4 * Commitment.Limit.longText + 4096
    /// The longest JSON string, in bytes as written: each character may be a 12-byte escape pair.
    public static let jsonStringBytes = 12 * Commitment.Limit.longText + 4096
    /// The largest JSON record (one commitment with its whole history), in bytes.
    public static let jsonRecordBytes = 16 << 20
    /// How deeply a JSON record may nest (a commitment needs 3: itself, its history, an entry).
    public static let jsonDepth = 16

    /// The message for a field or string beyond its limit.
    static func tooLong(_ what: String, _ limit: Int) -> String {
        "\(what) longer than \(limit) bytes; no field holds that much (a quote or note holds at most "
            + "\(Commitment.Limit.longText) characters)"
    }
}
