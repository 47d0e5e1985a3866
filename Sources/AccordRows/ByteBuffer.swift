import AccordCore

/// A growable byte buffer that reports are formatted into: an append is a capacity check and a
/// `memcpy`. (Appending to a `[UInt8]` through the generic `append(contentsOf:)`, with its
/// uniqueness checks, cost more than the escaping itself in a profile of the JSON export.)
public final class ByteBuffer {
    /// The buffer's state, behind a pointer: stored `var`s of a class would be checked for
    /// exclusive access at run time on every append (a tenth of a JSON export's instructions).
    @usableFromInline
    struct State {
        @usableFromInline var base: UnsafeMutablePointer<UInt8>
        @usableFromInline var count: Int
        @usableFromInline var capacity: Int
    }

    @usableFromInline let state: UnsafeMutablePointer<State>

    /// An empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        let capacity = max(capacity, 16)
        state = .allocate(capacity: 1)
        state.initialize(to: State(base: .allocate(capacity: capacity), count: 0, capacity: capacity))
    }

    deinit {
        state.pointee.base.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The number of bytes written.
    @inlinable public var count: Int { state.pointee.count }

    /// Whether nothing has been written.
    public var isEmpty: Bool { count == 0 }

    /// Calls `body` with the bytes written. The pointer is valid only during `body`, and only
    /// while `body` does not change the buffer: do not escape it.
    @inlinable
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: state.pointee.base, count: count))
    }

    /// The bytes written, as a string (invalid UTF-8 is repaired).
    public var string: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// The bytes written, as an array.
    public var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Makes room for `extra` more bytes and returns where they go.
    @inlinable @inline(__always)
    func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
        if state.pointee.count + extra > state.pointee.capacity { grow(to: state.pointee.count + extra) }
        return state.pointee.base + state.pointee.count
    }

    @usableFromInline
    func grow(to minimum: Int) {
        var capacity = state.pointee.capacity
        while capacity < minimum { capacity *= 2 }
        let base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        base.update(from: state.pointee.base, count: state.pointee.count)
        state.pointee.base.deallocate()
        state.pointee.base = base
        state.pointee.capacity = capacity
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        state.pointee.count += 1
    }

    /// Appends raw bytes in one copy.
    @inlinable @inline(__always)
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        UnsafeMutableRawPointer(reserve(bytes.count)).copyMemory(from: source, byteCount: bytes.count)
        state.pointee.count += bytes.count
    }

    /// Lets `body` write at most `maxCount` bytes straight into the buffer's memory; `body`
    /// returns how many it wrote. For tight loops that would otherwise check capacity per byte.
    @inlinable @inline(__always)
    public func appendUnsafe(maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let written = body(reserve(maxCount))
        state.pointee.count += written
    }

    /// Appends a value's bytes as they lie in memory (for data that this process reads back).
    @inline(__always)
    func appendRaw<T: FixedWidthInteger>(_ value: T) {
        UnsafeMutableRawPointer(reserve(MemoryLayout<T>.size)).storeBytes(of: value, as: T.self)
        state.pointee.count += MemoryLayout<T>.size
    }

    /// Reads a value written by ``appendRaw(_:)`` at `offset`.
    @inline(__always)
    func loadRaw<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count)
        return UnsafeRawPointer(state.pointee.base + offset).loadUnaligned(as: T.self)
    }

    /// Overwrites a value written by ``appendRaw(_:)`` at `offset`.
    @inline(__always)
    func storeRaw<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= count)
        UnsafeMutableRawPointer(state.pointee.base + offset).storeBytes(of: value, as: T.self)
    }

    /// Appends the bytes of an array.
    @inlinable @inline(__always)
    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends a string's UTF-8.
    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Replaces every byte from `start` on for which `isReplaced` holds with `replacement`.
    public func replace(from start: Int, where isReplaced: (UInt8) -> Bool, with replacement: UInt8) {
        let base = state.pointee.base
        for position in start..<count where isReplaced(base[position]) {
            base[position] = replacement
        }
    }

    /// Drops the bytes from `start` on.
    public func removeSuffix(from start: Int) {
        state.pointee.count = min(state.pointee.count, max(0, start))
    }

    /// Empties the buffer, keeping its memory.
    public func removeAll() {
        state.pointee.count = 0
    }
}
