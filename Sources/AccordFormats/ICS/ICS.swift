import AccordCore
import AccordRows
/// RFC 5545 calendars: one all-day event on the last day of each open commitment's deadline.
public enum ICS {
    /// The calendar's opening lines.
    public static func header(name: String) -> String {
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Accord//Policy commitments//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escaped(name),
        ].map(folded).joined()
    }

    /// The calendar's closing line.
    public static let footer = folded("END:VCALENDAR")

    /// Whether a commitment gets an event: open, with a deadline.
    public static func hasEvent(_ commitment: Commitment) -> Bool {
        commitment.due != nil && !commitment.status.isFinal
    }

    /// The event for a commitment's deadline (empty when it has none or is settled). Its UID
    /// comes from the commitment's uid, so re-imports update the same event; DTSTAMP is when
    /// the calendar was made (``stamp(secondsSince1970:)``), as RFC 5545 asks. The wording is
    /// quoted as given (it carries its own quotation marks, if any) and the deadline is in words.
    public static func event(_ commitment: Commitment, stamp: String) -> String {
        guard hasEvent(commitment), let due = commitment.due else { return "" }
        let next = due.dueBy.adding(days: 1) ?? due.dueBy
        var description = "Status: \(commitment.status). Parties: \(Reports.list(commitment.parties))."
        if let lead = commitment.lead { description += " Lead: \(lead)." }
        description += " Due: \(DeadlineWords.deadlineWithLastDay(due))."
        if !commitment.quote.isEmpty { description += "\n\nWording: \(commitment.quote)" }
        if !commitment.source.isEmpty { description += "\n\nSource: \(commitment.source)" }
        var lines = [
            "BEGIN:VEVENT",
            "UID:" + escaped(commitment.uid) + "@accord",
            "DTSTAMP:" + stamp,
            "DTSTART;VALUE=DATE:" + compact(due.dueBy),
            "DTEND;VALUE=DATE:" + compact(next),
            "SUMMARY:" + escaped("Due: " + commitment.title),
            "DESCRIPTION:" + escaped(description),
            "TRANSP:TRANSPARENT",
        ]
        if !commitment.tags.isEmpty {
            lines.append("CATEGORIES:" + commitment.tags.map(escaped).joined(separator: ","))
        }
        lines.append("END:VEVENT")
        return lines.map(folded).joined()
    }

    /// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in TEXT.
                if scalar.value < 0x20 && scalar != "\t" { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A content line folded at 75 octets (never inside a UTF-8 sequence), ending with CRLF.
    public static func folded(_ line: String) -> String {
        var result = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if octets + width > 75 {
                result += "\r\n "
                octets = 1
            }
            result.unicodeScalars.append(scalar)
            octets += width
        }
        return result + "\r\n"
    }

    /// A UTC date-time for DTSTAMP: `20240630T142501Z`.
    public static func stamp(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let date = CalendarDate(dayNumber: CalendarDate.epoch.dayNumber + days) ?? .epoch
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return compact(date) + "T" + two(rest / 3600) + two(rest / 60 % 60) + two(rest % 60) + "Z"
    }

    private static func compact(_ date: CalendarDate) -> String {
        date.description.replacingAll("-", with: "")
    }
}
