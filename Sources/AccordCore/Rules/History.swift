/// The history as the truth about the past: the state of a commitment on any day is what its
/// dated history says, replayed. Every report as of a day, every backend and every format
/// takes the state from here.
extension Commitment {
    /// The commitment as it stood at the end of `day`, or nil before it was made.
    ///
    /// Its status is the last status change dated on or before `day`; its fields are those in
    /// force that day (the edits dated after it are undone, latest first); its history holds
    /// only the entries dated on or before it. Needs the whole history.
    public func state(on day: CalendarDate) -> Commitment? {
        guard madeOn <= day else { return nil }
        guard lastUpdateOn > day else { return self }
        var state = self
        var kept: [Update] = []
        for update in history {
            if update.on <= day { kept.append(update) }
        }
        for update in history.reversed() where update.on > day {
            for change in update.changes.reversed() { state.set(change.field, to: change.before) }
        }
        state.history = kept
        state.lastUpdateOn = kept.last?.on ?? madeOn
        if let dayState = timeline.state(on: day) {
            state.status = dayState.status
            state.statusChangedOn = dayState.statusChangedOn
        }
        return state
    }

    /// The deadline given when the commitment was made, before any edit moved it.
    public var originalDue: Due? {
        for update in history {
            if let change = update.changes.first(where: { $0.field == .due }), case .due(let before) = change.before {
                return before
            }
        }
        return due
    }

    /// The day of the first edit that moved the deadline, if any.
    public var deadlineFirstMovedOn: CalendarDate? {
        history.first { $0.changes.contains { $0.field == .due } }?.on
    }

    /// Whether it was fulfilled (or partly) after its original deadline, even if a later edit
    /// moved the deadline; nil while it has no verdict of delivery or had no original deadline.
    public var isLateAgainstOriginal: Bool? {
        guard status == .fulfilled || status == .partial, let original = originalDue else { return nil }
        return statusChangedOn > original.dueBy
    }

    /// Inserts an update in date order (after the entries of the same day) and keeps the
    /// dates and status derived from the history true: the status is the last change's.
    public mutating func append(_ update: Update) {
        let index = history.lastIndex { $0.on <= update.on }.map { $0 + 1 } ?? 0
        history.insert(update, at: index)
        lastUpdateOn = max(lastUpdateOn, update.on)
        if update.toStatus != nil, let last = history.last(where: { $0.toStatus != nil }), let status = last.toStatus {
            self.status = status
            statusChangedOn = last.on
        }
    }

    /// The latest status change dated after `day`, which a status change on `day` would
    /// contradict.
    func statusChange(after day: CalendarDate) -> Update? {
        history.last { $0.on > day && $0.toStatus != nil }
    }

    /// The latest change of `field` dated after `day`.
    func change(of field: EditableField, after day: CalendarDate) -> Update? {
        history.last { $0.on > day && $0.changes.contains { $0.field == field } }
    }
}
