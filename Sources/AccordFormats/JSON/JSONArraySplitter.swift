import AccordCore
/// Splits a JSON array into its elements as bytes arrive, so that an import of a million
/// commitments decodes one at a time instead of holding the whole file.
///
/// It only tracks strings and nesting; each element is then decoded (and fully validated) on
/// its own. Errors name the file or the record they are in.
public struct JSONArraySplitter: Sendable {
    private enum State: Sendable { case beforeArray, beforeElement, inElement, afterElement, afterArray }

    private var state = State.beforeArray
    private var element: [UInt8] = []
    private var depth = 0
    private var isInString = false
    private var isEscaped = false
    private var count = 0
    private var offset = 0

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
            if isInString {
                element.append(byte)
                if isEscaped { isEscaped = false } else if byte == 92 { isEscaped = true } else if byte == 34 { isInString = false }
                return
            }
            switch byte {
            case 34:
                isInString = true
                element.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
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
                element.append(byte)
                if depth == 0 {
                    try finishElement(emit: emit)
                    state = .afterElement
                }
            case UInt8(ascii: ",") where depth == 0:
                try finishElement(emit: emit)
                state = .beforeElement
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

    private mutating func finishElement(emit: ([UInt8], Int) throws -> Void) throws {
        count += 1
        try emit(element, count)
        element.removeAll(keepingCapacity: true)
    }
}
