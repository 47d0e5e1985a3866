/// "Did you mean …?": the closest of several known words to one a user typed.
public enum Suggestion {
    /// The known word closest to `word` by edit distance (case-insensitive), when it is close
    /// enough to be a likely typo: at most one edit in four letters, and never more than three.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        guard !typed.isEmpty else { return nil }
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best, distance > 0 || word != candidate else { return nil }
        return distance <= min(3, max(1, typed.count / 4)) ? candidate : nil
    }

    /// `; did you mean 'x'?`, or nothing.
    public static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// A refusal that names the likely word, then the valid ones: `unknown status 'fulfiled';
    /// did you mean 'fulfilled'? Expected one of: …`.
    public static func refusal(_ problem: String, _ word: String, among candidates: [String], expected: String = "expected one of") -> String {
        let hint = hint(for: word, among: candidates)
        let list = candidates.joined(separator: ", ")
        return problem + (hint.isEmpty ? "; \(expected): " : hint + " " + expected.prefix(1).uppercased() + expected.dropFirst() + ": ") + list
    }

    /// Levenshtein distance, with a transposition of neighbours counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
