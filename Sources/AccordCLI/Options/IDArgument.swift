import AccordCore
import ArgumentParser

extension Parse {
    /// A commitment's id: one of ``Commitment/validIDs``, as in import files.
    static func id(_ text: String) throws -> Int64 {
        guard let id = Commitment.id(parsing: text) else {
            throw ValidationError("id '\(text)' is not \(Commitment.validIDsDescription)")
        }
        return id
    }
}
