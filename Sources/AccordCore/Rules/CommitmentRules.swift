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
        let parties = try Field.checkedList(draft.parties, field: "party")
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
    /// final statuses. Returns the update to append.
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
            guard newStatus != status else { throw .sameStatus(status) }
            if status.isFinal && !reopen { throw .reopenRequired(status, newStatus) }
            if newStatus.isFinal && note.isEmpty { throw .finalStatusNeedsNote(newStatus) }
        }
        let update = Update(
            on: day, fromStatus: newStatus == nil ? nil : status, toStatus: newStatus, note: note,
            source: try Field.checkedText(source ?? "", field: "source", limit: Limit.shortText))
        append(update)
        return update
    }

    /// Applies an edit and returns the history entry that keeps the old values.
    public mutating func edit(_ edit: CommitmentEdit, on day: CalendarDate) throws(AccordError) -> Update {
        var changes: [String] = []
        func change<Value: Equatable>(
            _ name: String, _ keyPath: WritableKeyPath<Commitment, Value>, to value: Value?,
            _ render: (Value) -> String
        ) {
            guard let value, self[keyPath: keyPath] != value else { return }
            changes.append("\(name): \(render(self[keyPath: keyPath])) → \(render(value))")
            self[keyPath: keyPath] = value
        }
        let list = { (values: [String]) in values.isEmpty ? "(none)" : values.joined(separator: "; ") }
        change("title", \.title, to: try edit.title.map(Field.checkedTitle), quoted)
        change("quote", \.quote, to: try edit.quote.map { text throws(AccordError) in
            try Field.checkedText(text, field: "quote", limit: Limit.longText, multiline: true)
        }, quoted)
        if let parties = edit.parties {
            let checked = try Field.checkedList(parties, field: "party")
            guard !checked.isEmpty else { throw .missingParty }
            change("parties", \.parties, to: checked, list)
        }
        change("owners", \.owners, to: try edit.owners.map { values throws(AccordError) in
            try Field.checkedList(values, field: "owner")
        }, list)
        change("tags", \.tags, to: try edit.tags.map { values throws(AccordError) in
            try Field.checkedList(values, field: "tag")
        }, list)
        change("occasion", \.occasion, to: try edit.occasion.map { text throws(AccordError) in
            try Field.checkedText(text, field: "occasion", limit: Limit.shortText)
        }, quoted)
        change("source", \.source, to: try edit.source.map { text throws(AccordError) in
            try Field.checkedText(text, field: "source", limit: Limit.shortText)
        }, quoted)
        if let dueText = edit.due {
            let newDue = try dueText.map { text throws(AccordError) in
                try Field.checkedDue(text, madeOn: madeOn)
            }
            change("due", \.due, to: .some(newDue)) { $0.map { quoted($0.text) } ?? "(none)" }
        }
        guard !changes.isEmpty else { throw .noChanges }
        var note = "edited " + changes.joined(separator: "; ")
        if let reason = edit.note, !reason.isEmpty {
            note += " — " + (try Field.checkedText(reason, field: "note", limit: Limit.longText, multiline: true))
        }
        let update = Update(on: max(day, madeOn), fromStatus: nil, toStatus: nil, note: note, source: "")
        append(update)
        return update
    }

    /// Appends an update and keeps the dates derived from the history true.
    public mutating func append(_ update: Update) {
        history.append(update)
        lastUpdateOn = max(lastUpdateOn, update.on)
        if let toStatus = update.toStatus {
            status = toStatus
            statusChangedOn = update.on
        }
    }
}
