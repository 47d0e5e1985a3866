import ArgumentParser

/// One option, flag, argument or option group of an ArgumentParser declaration, as
/// ``QuickParsable`` reads it without reflection.
///
/// ArgumentParser finds a command's options by reflecting on it and decodes them through
/// `Decodable`: each type it reflects on or casts is looked up once per process in the
/// binary's 8,700 protocol conformance records, which made up two thirds of the instructions
/// of `accord list` on an empty database. The declarations (`@Option`, `@Flag`, `@Argument`)
/// stay the source of help, completion scripts and every error message; each type lists
/// them once more here, with a setter (a wrapped property must be set before it is read, and
/// a key path would read it first), and `QuickParseTests` checks both readings agree.
struct QuickArgument<Root> {
    /// The options it stands for: itself, or a group's (nested groups' included).
    let options: [QuickOption]
    /// Sets the property from the values given for it (none: its declared default).
    let assign: (inout Root, inout QuickValues) throws -> Void
}

/// An option or argument as the command line names it.
struct QuickOption {
    /// `--party`, `-q`; none for a positional argument.
    let names: [String]
    /// How many values it takes.
    let kind: QuickArgumentKind
    /// Whether each occurrence adds a value.
    let isRepeating: Bool
}

/// How many values an argument takes.
enum QuickArgumentKind {
    /// `--name`, no value.
    case flag
    /// `--name VALUE` or `--name=VALUE`, once or (for arrays) repeated.
    case option
    /// One value by position; required.
    case positional
    /// One or more values by position; required.
    case positionals
}

/// What the quick parser found on the command line.
struct QuickValues {
    /// Each option's values by its first name, in the order given (a flag's are empty).
    var named: [String: [String]] = [:]
    /// The positional values not yet taken.
    var positional: ArraySlice<String> = []

    /// The values given for the option with these names.
    func given(_ names: [String]) -> [String] {
        names.first.flatMap { named[$0] } ?? []
    }
}

/// What the quick path throws for a value it cannot read; never shown, as ArgumentParser
/// then reads the arguments again.
struct QuickRefusal: Error {}

extension QuickArgument {
    private init(
        _ names: [String], _ kind: QuickArgumentKind, repeating isRepeating: Bool = false,
        assign: @escaping (inout Root, inout QuickValues) throws -> Void
    ) {
        self.init(options: [QuickOption(names: names, kind: kind, isRepeating: isRepeating)], assign: assign)
    }

    /// A Boolean flag, false unless given.
    static func flag(_ names: String..., set: @escaping (inout Root, Bool) -> Void) -> Self {
        Self(names, .flag) { root, values in set(&root, !values.given(names).isEmpty) }
    }

    /// An option given at most once, nil unless given, read by `read`.
    static func option<Value>(
        _ names: String..., read: @escaping (String) throws -> Value, set: @escaping (inout Root, Value?) -> Void
    ) -> Self {
        once(names, read: read, set: set)
    }

    /// A text option given at most once, nil unless given.
    static func option(_ names: String..., set: @escaping (inout Root, String?) -> Void) -> Self {
        once(names, read: { $0 }, set: set)
    }

    /// An option given at most once, `value` unless given.
    static func option<Value>(
        _ name: String, default value: Value, read: @escaping (String) throws -> Value, set: @escaping (inout Root, Value) -> Void
    ) -> Self {
        once([name], read: read) { root, given in set(&root, given ?? value) }
    }

    /// An option given at most once (twice is left to ArgumentParser), nil unless given.
    private static func once<Value>(
        _ names: [String], read: @escaping (String) throws -> Value, set: @escaping (inout Root, Value?) -> Void
    ) -> Self {
        Self(names, .option) { root, values in
            let given = values.given(names)
            guard given.count <= 1 else { throw QuickRefusal() }
            set(&root, try given.first.map(read))
        }
    }

    /// An option that must be given, once.
    static func required<Value>(
        _ name: String, read: @escaping (String) throws -> Value, set: @escaping (inout Root, Value) -> Void
    ) -> Self {
        Self([name], .option) { root, values in
            let given = values.given([name])
            guard given.count == 1 else { throw QuickRefusal() }
            set(&root, try read(given[0]))
        }
    }

    /// A repeatable option: each occurrence adds one value.
    static func repeated<Value>(
        _ name: String, read: @escaping (String) throws -> Value, set: @escaping (inout Root, [Value]) -> Void
    ) -> Self {
        Self([name], .option, repeating: true) { root, values in set(&root, try values.given([name]).map(read)) }
    }

    /// A repeatable text option.
    static func repeated(_ name: String, set: @escaping (inout Root, [String]) -> Void) -> Self {
        repeated(name, read: { $0 }, set: set)
    }

    /// A required positional argument.
    static func positional<Value>(read: @escaping (String) throws -> Value, set: @escaping (inout Root, Value) -> Void) -> Self {
        Self([], .positional) { root, values in
            guard let text = values.positional.popFirst() else { throw QuickRefusal() }
            set(&root, try read(text))
        }
    }

    /// One or more positional arguments.
    static func positionals<Value>(read: @escaping (String) throws -> Value, set: @escaping (inout Root, [Value]) -> Void) -> Self {
        Self([], .positionals, repeating: true) { root, values in
            guard !values.positional.isEmpty else { throw QuickRefusal() }
            set(&root, try values.positional.map(read))
            values.positional = []
        }
    }

    /// An option group (`@OptionGroup`).
    static func group<Group: QuickParsable>(_ type: Group.Type, set: @escaping (inout Root, Group) -> Void) -> Self {
        Self(options: Group.quickOptions) { root, values in
            // As ArgumentParser validates a group as well as its command.
            var group = try Group.quickBuild(&values)
            try group.validate()
            set(&root, group)
        }
    }
}

/// A type whose ArgumentParser declarations are also listed as ``QuickArgument``s.
protocol QuickParsable: ParsableArguments {
    /// Every `@Option`, `@Flag`, `@Argument` and `@OptionGroup` of the type, positional
    /// arguments in their declared order (built at each use, a few times a run).
    static var quickArguments: [QuickArgument<Self>] { get }
}

/// A subcommand that ``QuickParsable`` reads.
protocol QuickCommand: ParsableCommand, QuickParsable {}

extension QuickParsable {
    /// The options and arguments, those of its groups included, in order.
    static var quickOptions: [QuickOption] {
        // A loop, not flatMap: this code runs unspecialised (through `any QuickCommand.Type`),
        // where flatMap looks up its associated types by name at run time.
        var options: [QuickOption] = []
        for argument in quickArguments {
            for option in argument.options { options.append(option) }
        }
        return options
    }

    /// The value with every property set from `values`.
    static func quickBuild(_ values: inout QuickValues) throws -> Self {
        var value = Self()
        for argument in quickArguments { try argument.assign(&value, &values) }
        return value
    }

    /// The parsed and validated value, or nil for anything but plain valid arguments: an
    /// unknown or malformed option, a value that starts with `-`, a value refused, a missing
    /// or extra argument, a failed `validate()`. ArgumentParser then parses them again and
    /// says what is wrong in its words, as without this path.
    static func quickParse(_ arguments: [String]) -> Self? {
        var kinds: [String: (primary: String, kind: QuickArgumentKind)] = [:]
        for option in quickOptions {
            for name in option.names { kinds[name] = (option.names[0], option.kind) }
        }
        var values = QuickValues()
        var positional: [String] = []
        var index = 0
        var isAfterTerminator = false
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if isAfterTerminator || !token.hasPrefix("-") || token == "-" {
                positional.append(token)
                continue
            }
            if token == "--" {
                isAfterTerminator = true
                continue
            }
            var name = token
            var inline: String?
            if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
                name = String(token[..<equals])
                inline = String(token[token.index(after: equals)...])
            }
            guard let (primary, kind) = kinds[name] else { return nil }
            switch kind {
            case .flag:
                guard inline == nil else { return nil }
                values.named[primary, default: []].append("")
            case .option:
                if let inline {
                    // ArgumentParser reads `--name=` as `--name` (its value then comes next): left to it.
                    guard !inline.isEmpty else { return nil }
                    values.named[primary, default: []].append(inline)
                } else {
                    guard index < arguments.count, !arguments[index].hasPrefix("-") || arguments[index] == "-" else { return nil }
                    values.named[primary, default: []].append(arguments[index])
                    index += 1
                }
            case .positional, .positionals:
                return nil
            }
        }
        values.positional = positional[...]
        guard var value = try? quickBuild(&values), values.positional.isEmpty, (try? value.validate()) != nil else { return nil }
        return value
    }
}

extension ExpressibleByArgument {
    /// The value as ArgumentParser reads it (`init?(argument:)`).
    static func quick(_ text: String) throws -> Self {
        guard let value = Self(argument: text) else { throw QuickRefusal() }
        return value
    }
}
