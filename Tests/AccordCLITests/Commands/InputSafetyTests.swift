import Foundation
import Testing

/// Import files and arguments that would harm the database or exhaust memory are refused
/// with one line naming the place, and change nothing.
@Suite struct InputSafetyTests {
    /// A sandbox holding one commitment, and its bytes.
    func existing() throws -> (Sandbox, [Data]) {
        let sandbox = try Sandbox()
        try sandbox.add("Existing")
        return (sandbox, sandbox.databaseBytes())
    }

    static let outOfRangeIDs: [(String, String, String)] = [
        ("ids.csv", "id,title,parties,made_on\n9223372036854775807,a,US,2023-12-27\n",
         "line 2, column 'id': id '9223372036854775807' is not a whole number from 1 to 9007199254740991"),
        ("ids.csv", "id,title,parties,made_on\n9007199254740992,a,US,2023-12-27\n", "line 2, column 'id'"),
        ("ids.csv", "id,title,parties,made_on\n0,a,US,2023-12-27\n", "line 2, column 'id': id '0' is not"),
        ("ids.json", #"[{"id": 0, "title": "a", "parties": ["US"], "made_on": "2023-12-27"}]"#,
         "record 1, field 'id': id 0 is not a whole number from 1 to 9007199254740991"),
        ("ids.json", #"[{"id": -5, "title": "a", "parties": ["US"], "made_on": "2023-12-27"}]"#, "record 1, field 'id': id -5 is not"),
        ("ids.json", #"[{"id": 9223372036854775807, "title": "a", "parties": ["US"], "made_on": "2023-12-27"}]"#,
         "record 1, field 'id': id 9223372036854775807 is not"),
        ("ids.json", #"[{"id": 99999999999999999999, "title": "a", "parties": ["US"], "made_on": "2023-12-27"}]"#,
         "record 1, field 'id': id 99999999999999999999 is not"),
    ]

    @Test(arguments: outOfRangeIDs)
    func anImportedIDOutsideOneToTwoToThe53IsRefusedWithItsPlace(_ name: String, _ contents: String, _ message: String) throws {
        // Given a database with one commitment
        let (sandbox, before) = try existing()
        // When a file brings an id outside 1 … 2^53 − 1
        let file = try sandbox.write(name, contents)
        // Then the file is refused naming the line or record and the column, and nothing changes
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: message)
        #expect(sandbox.databaseBytes() == before)
        // And the next add still works
        #expect(try sandbox.add("Next") == 2)
    }

    @Test func theLargestValidIDIsKeptAndAddGoesOnAfterIt() throws {
        // Given an import that keeps the id 2^53 − 1
        let (sandbox, _) = try existing()
        let file = try sandbox.write("max.csv", "id,title,parties,made_on\n9007199254740991,a,US,2023-12-27\n")
        #expect(try sandbox.run(["import", file]).status == 0)
        // When a commitment is added, Then it gets the next id without any error
        let added = try sandbox.run(["add", "after", "--party", "US", "--made-on", "2023-12-27"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "9007199254740992\n")
    }

    static let outOfRangeArguments: [[String]] = [
        ["show", "0"], ["show", "1.5"], ["show", "--", "-5"], ["update", "9007199254740992", "--note", "x"],
        ["edit", "99999999999999999999", "--title", "x"], ["log", "--id", "0"],
    ]

    @Test(arguments: outOfRangeArguments)
    func anIDArgumentOutsideTheRangeIsAUsageError(_ arguments: [String]) throws {
        // Given a database, When a command names an id outside 1 … 2^53 − 1
        let (sandbox, before) = try existing()
        // Then it is refused with exit 64 and the same wording as imports
        expectUserError(try sandbox.run(arguments), status: 64, containing: "is not a whole number from 1 to 9007199254740991")
        #expect(sandbox.databaseBytes() == before)
    }
}

extension InputSafetyTests {
    static let refusedFiles: [(String, String, String)] = [
        ("big.csv", "title,parties,made_on,quote\nx,US,2023-12-27,\"" + String(repeating: "q", count: 2 << 20) + "\"\n",
         "line 2: a field longer than 84096 bytes"),
        ("big.json", #"[{"title": "x", "parties": ["US"], "made_on": "2023-12-27", "quote": ""# + String(repeating: "q", count: 2 << 20) + #""}]"#,
         "record 1: a string longer than"),
        ("dup.json", #"[{"title": "a", "title": "b", "parties": ["US"], "made_on": "2023-12-27"}]"#,
         "record 1: the key 'title' appears twice in one object"),
        ("deep.json", String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "record 1: nested more than 16 levels deep"),
    ]

    @Test(arguments: refusedFiles)
    func oversizedDuplicatedOrDeepJSONIsRefusedSayingWhatIsWrong(_ name: String, _ contents: String, _ message: String) throws {
        // Given a database, When a file has a huge field, a key twice or a deep nesting
        let (sandbox, before) = try existing()
        let file = try sandbox.write(name, contents)
        // Then the file is refused saying what is wrong, and nothing changes
        expectUserError(try sandbox.run(["import", file]), status: 65, containing: message)
        #expect(sandbox.databaseBytes() == before)
    }
}
