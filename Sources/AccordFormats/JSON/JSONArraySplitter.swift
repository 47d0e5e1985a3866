import AccordCore
import Foundation

/// Splits a JSON array into its elements as bytes arrive, so that an import of a million
/// commitments decodes one at a time instead of holding the whole file.
///
/// It only tracks strings, nesting and the keys of each object; each element is then decoded
/// (and fully validated) on its own. It refuses, while streaming and so with bounded memory, a
/// string, a record or a nesting beyond ``ImportLimits``, and a key given twice in one object
/// (which a decoder would silently resolve to one of them). Errors name the file or the record.
public struct JSONArraySplitter: Sendable {
    private enum State: Sendable { case beforeArray, beforeElement, inElement, afterElement, afterArray }

    private var state = State.beforeArray
    private var element: [UInt8] = []
    private var depth = 0
    private var isInString = false
    private var isEscaped = false
    private var count = 0
    private var offset = 0
    /// The bytes of the current string so far.
    private var stringLength = 0
    /// The objects and arrays open in the current element, innermost last.
    private var containers: [Container] = []
    /// The key being read, when the current string is one.
    private var key: [UInt8]?

    private struct Container: Sendable {
        var isObject: Bool
        var keys: [[UInt8]] = []
        var expectsKey = false
    }

    /// A splitter at the start of a file.
    public init() {}

    /// Feeds bytes; `emit` gets each complete element and its 1-based index.
    public mutating func parse(_ bytes: [UInt8], emit: ([UInt8], Int) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                offset += 1
                try consume(byte, emit: emit)
            }
        }
    }

    /// Ends the input, failing when the array was never closed.
    public func finish() throws {
        switch state {
        case .afterArray: return
        case .beforeArray: throw AccordError.malformedFile(place: "file", reason: "the file is empty; expected a JSON array of commitments")
        default: throw AccordError.malformedFile(place: "record \(count + 1)", reason: "not valid JSON: the file ends inside the array")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 10 || byte == 13
    }

    private mutating func consume(_ byte: UInt8, emit: ([UInt8], Int) throws -> Void) throws {
        switch state {
        case .beforeArray:
            // A UTF-8 byte-order mark may precede the array.
            if Self.isSpace(byte) || (offset <= 3 && [0xEF, 0xBB, 0xBF][offset - 1] == byte) { return }
            guard byte == UInt8(ascii: "[") else {
                throw AccordError.malformedFile(
                    place: "file",
                    reason: byte == UInt8(ascii: "{") ? "expected a JSON array of commitments" : "not valid JSON")
            }
            state = .beforeElement
        case .beforeElement:
            if Self.isSpace(byte) { return }
            if byte == UInt8(ascii: "]") && count == 0 {
                state = .afterArray
                return
            }
            state = .inElement
            try consume(byte, emit: emit)
        case .inElement:
            guard element.count < ImportLimits.jsonRecordBytes else {
                throw AccordError.malformedFile(
                    place: "record \(count + 1)", reason: "larger than \(ImportLimits.jsonRecordBytes >> 20) MiB")
            }
            if isInString {
                try consumeInString(byte)
                return
            }
            switch byte {
            case 34:
                isInString = true
                stringLength = 0
                if let last = containers.indices.last, containers[last].isObject, containers[last].expectsKey {
                    containers[last].expectsKey = false
                    key = []
                }
                element.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= ImportLimits.jsonDepth else {
                    throw AccordError.malformedFile(
                        place: "record \(count + 1)",
                        reason: "nested more than \(ImportLimits.jsonDepth) levels deep; a commitment nests 3 (itself, its history, an update)")
                }
                containers.append(Container(isObject: byte == UInt8(ascii: "{"), expectsKey: byte == UInt8(ascii: "{")))
                element.append(byte)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    // A scalar element ends at the array's closing bracket; the decoder reports it.
                    guard byte == UInt8(ascii: "]") else {
                        throw AccordError.malformedFile(place: "record \(count + 1)", reason: "not valid JSON")
                    }
                    try finishElement(emit: emit)
                    state = .afterArray
                    return
                }
                depth -= 1
                containers.removeLast()
                element.append(byte)
                if depth == 0 {
                    try finishElement(emit: emit)
                    state = .afterElement
                }
            case UInt8(ascii: ",") where depth == 0:
                try finishElement(emit: emit)
                state = .beforeElement
            case UInt8(ascii: ","):
                if let last = containers.indices.last, containers[last].isObject { containers[last].expectsKey = true }
                element.append(byte)
            default:
                element.append(byte)
            }
        case .afterElement:
            if Self.isSpace(byte) { return }
            if byte == UInt8(ascii: ",") {
                state = .beforeElement
            } else if byte == UInt8(ascii: "]") {
                state = .afterArray
            } else {
                throw AccordError.malformedFile(place: "record \(count)", reason: "not valid JSON: expected ',' or ']' after it")
            }
        case .afterArray:
            guard Self.isSpace(byte) else {
                throw AccordError.malformedFile(place: "file", reason: "not valid JSON: text after the closing ']'")
            }
        }
    }

    /// A byte inside a string: its end, an escape, or a byte of it (and of the key it may be).
    private mutating func consumeInString(_ byte: UInt8) throws {
        element.append(byte)
        stringLength += 1
        guard stringLength <= ImportLimits.jsonStringBytes else {
            throw AccordError.malformedFile(
                place: "record \(count + 1)", reason: ImportLimits.tooLong("a string", ImportLimits.jsonStringBytes))
        }
        if isEscaped {
            isEscaped = false
        } else if byte == 92 {
            isEscaped = true
        } else if byte == 34 {
            isInString = false
            if let name = key {
                key = nil
                try addKey(name)
            }
            return
        }
        key?.append(byte)
    }

    /// Records a key of the innermost object, refusing one it already has.
    private mutating func addKey(_ name: [UInt8]) throws {
        guard let last = containers.indices.last else { return }
        // Escapes spell one key several ways: compare keys as the decoder will read them.
        let decoded: [UInt8]
        if name.contains(92), let text = try? JSONDecoder().decode(String.self, from: Data([34] + name + [34])) {
            decoded = Array(text.utf8)
        } else {
            decoded = name
        }
        guard !containers[last].keys.contains(decoded) else {
            throw AccordError.malformedFile(
                place: "record \(count + 1)",
                reason: "the key \(quoted(String(decoding: decoded, as: UTF8.self))) appears twice in one object")
        }
        containers[last].keys.append(decoded)
    }

    private mutating func finishElement(emit: ([UInt8], Int) throws -> Void) throws {
        count += 1
        try emit(element, count)
        element.removeAll(keepingCapacity: true)
        containers.removeAll(keepingCapacity: true)
    }
}
