extension Commitment {
    /// Limits on field sizes, in characters.
    public enum Limit {
        /// A title.
        public static let title = 500
        /// A quote or a note.
        public static let longText = 20_000
        /// A source or an occasion.
        public static let shortText = 2_000
        /// One party, owner or tag.
        public static let listValue = 200
        /// How many values one list holds.
        public static let listCount = 50
    }

    /// Checks a draft and makes the commitment with its creation entry, or throws the first
    /// problem found.
    public static func make(_ draft: NewCommitment, today: CalendarDate) throws(AccordError) -> Commitment {
        let uid = try draft.uid.map(Field.checkedUID) ?? Field.makeUID()
        guard draft.madeOn <= today else { throw .dateInFuture("made-on date", draft.madeOn, today) }
        let due = try draft.due.map { text throws(AccordError) in
            try Field.checkedDue(text, madeOn: draft.madeOn)
        }
        let parties = try Party.normalized(Field.checkedList(draft.parties, field: "party"), allowsNew: draft.allowsNewParties).parties
        guard !parties.isEmpty else { throw .missingParty }
        let creation = Update(
            on: draft.madeOn, fromStatus: nil, toStatus: draft.status,
            note: try Field.checkedText(draft.note, field: "note", limit: Limit.longText, multiline: true),
            source: try Field.checkedText(draft.source, field: "source", limit: Limit.shortText))
        return Commitment(
            id: nil, uid: uid,
            title: try Field.checkedTitle(draft.title),
            quote: try Field.checkedText(draft.quote, field: "quote", limit: Limit.longText, multiline: true),
            parties: parties,
            owners: try Field.checkedList(draft.owners, field: "owner"),
            tags: try Field.checkedList(draft.tags, field: "tag"),
            madeOn: draft.madeOn,
            occasion: try Field.checkedText(draft.occasion, field: "occasion", limit: Limit.shortText),
            source: creation.source, due: due, status: draft.status,
            statusChangedOn: draft.madeOn, lastUpdateOn: draft.madeOn, history: [creation])
    }

    /// Records progress: a status change, a note, or both, checked against the rules on
    /// final statuses and on the timeline. Returns the update to append.
    ///
    /// A status change may not be dated before a later one (the chain of statuses read in
    /// date order must hold); a note may be dated freely between `madeOn` and today.
    public mutating func record(
        status newStatus: Status?, note: String?, on day: CalendarDate, source: String?,
        reopen: Bool, today: CalendarDate
    ) throws(AccordError) -> Update {
        let note = try note.map { text throws(AccordError) in
            try Field.checkedText(text, field: "note", limit: Limit.longText, multiline: true)
        } ?? ""
        guard newStatus != nil || !note.isEmpty else { throw .emptyUpdate }
        guard day <= today else { throw .dateInFuture("update date", day, today) }
        guard day >= madeOn else { throw .updateBeforeMadeOn(day, madeOn) }
        if reopen && !status.isFinal { throw .reopenNotFinal(status) }
        if let newStatus {
            if let later = statusChange(after: day) { throw .laterStatusChange(day, later) }
            guard newStatus != status else { throw .sameStatus(status) }
            if status.isFinal && !reopen { throw .reopenRequired(status, newStatus) }
            if status.isFinal && note.isEmpty { throw .reopenNeedsNote(status) }
            if newStatus.isFinal && note.isEmpty { throw .finalStatusNeedsNote(newStatus) }
        }
        let update = Update(
            on: day, fromStatus: newStatus == nil ? nil : status, toStatus: newStatus, note: note,
            source: try Field.checkedText(source ?? "", field: "source", limit: Limit.shortText))
        append(update)
        return update
    }

    /// Applies an edit dated `day`, with `evidence` as its source, and returns the history
    /// entry that keeps the earlier values. A field may not be changed on a day before a
    /// later change of the same field.
    public mutating func edit(
        _ edit: CommitmentEdit, on day: CalendarDate, evidence: String? = nil, today: CalendarDate
    ) throws(AccordError) -> Update {
        guard day <= today else { throw .dateInFuture("edit date", day, today) }
        guard day >= madeOn else { throw .updateBeforeMadeOn(day, madeOn) }
        var requested: [(EditableField, FieldValue)] = []
        if let title = edit.title { requested.append((.title, .text(try Field.checkedTitle(title)))) }
        if let quote = edit.quote {
            requested.append((.quote, .text(try Field.checkedText(quote, field: "quote", limit: Limit.longText, multiline: true))))
        }
        if let parties = edit.parties {
            let checked = try Party.normalized(Field.checkedList(parties, field: "party"), allowsNew: edit.allowsNewParties).parties
            guard !checked.isEmpty else { throw .missingParty }
            requested.append((.parties, .list(checked)))
        }
        if let owners = edit.owners { requested.append((.owners, .list(try Field.checkedList(owners, field: "owner")))) }
        if let tags = edit.tags { requested.append((.tags, .list(try Field.checkedList(tags, field: "tag")))) }
        if let occasion = edit.occasion {
            requested.append((.occasion, .text(try Field.checkedText(occasion, field: "occasion", limit: Limit.shortText))))
        }
        if let source = edit.source {
            requested.append((.source, .text(try Field.checkedText(source, field: "source", limit: Limit.shortText))))
        }
        // A corrected made_on comes first: a relative deadline counts from it.
        let newMadeOn = edit.madeOn ?? madeOn
        if let corrected = edit.madeOn {
            guard corrected <= today else { throw .dateInFuture("made-on date", corrected, today) }
            if let first = history.first(where: { $0.fromStatus != nil || $0.toStatus == nil }), first.on < corrected {
                throw .updateBeforeMadeOn(first.on, corrected)
            }
            requested.append((.madeOn, .day(corrected)))
        }
        if let dueText = edit.due ?? (edit.madeOn != nil && due?.precision == .relative ? .some(due?.text) : nil) {
            requested.append((.due, .due(try dueText.map { text throws(AccordError) in try Field.checkedDue(text, madeOn: newMadeOn) })))
        } else if let due, due.dueBy < newMadeOn {
            throw .dueBeforeMadeOn(due.text, newMadeOn)
        }
        var changes: [FieldChange] = []
        for (field, value) in requested where value != self.value(of: field) {
            if let later = change(of: field, after: day) { throw .laterEdit(field.rawValue, day, later.on) }
            changes.append(FieldChange(field: field, before: self.value(of: field), after: value))
        }
        guard !changes.isEmpty else { throw .noChanges(requested.map(\.0.rawValue)) }
        // In the fields' own order, as the stored form reads back.
        let order = EditableField.allCases
        changes.sort { (order.firstIndex(of: $0.field) ?? 0) < (order.firstIndex(of: $1.field) ?? 0) }
        for change in changes { set(change.field, to: change.after) }
        let update = Update(
            on: day, fromStatus: nil, toStatus: nil,
            note: try Field.checkedText(edit.note ?? "", field: "note", limit: Limit.longText, multiline: true),
            source: try Field.checkedText(evidence ?? "", field: "evidence", limit: Limit.shortText),
            changes: changes)
        append(update)
        return update
    }
}
