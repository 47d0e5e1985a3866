/// An import of a commitment that is already stored: its fields change as a dated edit, and
/// its history grows; nothing stored is ever removed.
extension Commitment {
    /// Merges `imported` (the file's version of this commitment) into this stored one, on
    /// `day`, and returns the merged commitment with the history entries it adds.
    ///
    /// - Fields that differ change as one edit dated `day` (the history keeps the old values).
    /// - Entries of the file's history already stored are recognised and left out; so is the
    ///   file's creation entry (the stored one stays). The others are merged in date order,
    ///   and the statuses must still chain in date order.
    /// - A file whose status still differs (a CSV row, which has no history) sets it with a
    ///   status change dated `day`.
    public func merging(_ imported: Commitment, on day: CalendarDate) throws(AccordError) -> (Commitment, [Update]) {
        var merged = self
        var added: [Update] = []
        for entry in imported.history where !history.contains(entry) {
            if entry.fromStatus == nil && entry.toStatus != nil { continue }
            merged.append(entry)
            added.append(entry)
        }
        try merged.checkTimeline()
        var edit = CommitmentEdit()
        edit.title = imported.title
        edit.quote = imported.quote
        edit.parties = imported.parties
        edit.owners = imported.owners
        edit.tags = imported.tags
        edit.occasion = imported.occasion
        edit.source = imported.source
        edit.due = .some(imported.due?.text)
        edit.note = "imported"
        let changesFields = EditableField.allCases.contains { merged.value(of: $0) != imported.value(of: $0) }
        if changesFields {
            added.append(try merged.edit(edit, on: max(day, merged.lastUpdateOn), today: max(day, merged.lastUpdateOn)))
        }
        if merged.status != imported.status {
            let on = max(day, merged.lastUpdateOn)
            added.append(try merged.record(
                status: imported.status, note: "status set by an import", on: on, source: nil,
                reopen: merged.status.isFinal, today: on))
        }
        return (merged, added)
    }

    /// Checks the chain of statuses in date order: each change starts from the status the one
    /// before it set.
    func checkTimeline() throws(AccordError) {
        var current: Status?
        for update in history {
            guard let to = update.toStatus else { continue }
            if let current, update.fromStatus != current {
                throw .brokenTimeline(update.on, update.fromStatus?.rawValue ?? "none", current)
            }
            current = to
        }
    }
}
