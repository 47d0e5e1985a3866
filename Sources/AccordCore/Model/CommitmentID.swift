extension Commitment {
    /// The ids Accord accepts anywhere (command line, CSV, JSON): 1 … 2^53 − 1, the whole
    /// numbers every JSON reader holds exactly, and far from SQLite's largest rowid, which
    /// would leave no id for the next `add`.
    public static let validIDs: ClosedRange<Int64> = 1...9_007_199_254_740_991

    /// What a valid id is, for messages.
    public static let validIDsDescription = "a whole number from 1 to 9007199254740991"

    /// The id written in `text`, or nil when it is not one of ``validIDs``.
    public static func id(parsing text: String) -> Int64? {
        guard let number = Int64(text), validIDs.contains(number) else { return nil }
        return number
    }
}
