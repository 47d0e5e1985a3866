import AccordRows
import AccordStore
import PostgresNIO

/// Reads the binary forms in which PostgreSQL sends a record (`record_send`) and an array of
/// records (`array_send`): the shapes in which the report query returns a commitment's
/// columns and its history, so that a row is three cells instead of one per column, and each
/// field's bytes go into a ``RowBatch`` with one copy, without a cell or a string per field.
///
/// A record is its number of fields, then for each field its type's oid, its length (-1 for
/// NULL) and its bytes; an array is its number of dimensions (0 when empty), a flag, the
/// element type's oid, each dimension's size and lower bound, then each element as a length
/// and bytes. Every integer is 4 bytes, big-endian.
enum BinaryRecords {
    /// Adds the fields of the record in `buffer` to `batch`; the record must have `count` fields.
    static func addFields(of buffer: NIOCore.ByteBuffer, count: Int, to batch: RowBatch) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var reader = Reader(bytes: bytes)
            try reader.addRecord(count: count, to: batch)
        }
    }

    /// Adds each record of the array in `buffer` to `batch` as a history entry of its current
    /// row, in the array's order.
    static func addHistory(_ buffer: NIOCore.ByteBuffer, to batch: RowBatch) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var reader = Reader(bytes: bytes)
            let dimensions = try reader.int32()
            guard dimensions != 0 else { return }
            guard dimensions == 1 else { throw Self.unexpected("an array of \(dimensions) dimensions") }
            _ = try reader.int32()  // whether there are NULLs: none is allowed below
            _ = try reader.int32()  // the element type (an anonymous record)
            let count = try reader.int32()
            _ = try reader.int32()  // the lower bound
            for _ in 0..<max(0, count) {
                guard let element = try reader.field() else { throw Self.unexpected("a NULL history entry") }
                batch.beginHistoryEntry()
                var entry = Reader(bytes: element)
                try entry.addRecord(count: UpdateColumn.allCases.count, to: batch)
            }
        }
    }

    static func unexpected(_ what: String) -> StoreError {
        StoreError.database("unexpected value from the server: \(what)")
    }

    /// A cursor over bytes that are valid only inside the closure that made it.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        mutating func int32() throws -> Int32 {
            guard bytes.count - offset >= 4 else { throw BinaryRecords.unexpected("a record cut short") }
            defer { offset += 4 }
            return Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
        }

        /// The next length-prefixed field, nil for NULL.
        mutating func field() throws -> UnsafeRawBufferPointer? {
            let length = Int(try int32())
            guard length >= 0 else { return nil }
            guard bytes.count - offset >= length else { throw BinaryRecords.unexpected("a record cut short") }
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        }

        /// Adds the fields of the record at the cursor to `batch`.
        mutating func addRecord(count: Int, to batch: RowBatch) throws {
            let fields = Int(try int32())
            guard fields == count else { throw BinaryRecords.unexpected("a record of \(fields) fields, not \(count)") }
            for _ in 0..<count {
                _ = try int32()  // the field's type
                batch.add(try field())
            }
        }
    }
}
