@testable import AccordPostgres
import AccordCore
import AccordStore
import Foundation
import Testing

/// The PostgreSQL schema and its migrations, checked on the test server.
@Suite(.enabled(if: PostgresServer.isAvailable)) struct PostgresSchemaTests {
    /// A new migrated database and a store on it.
    func makeStore() throws -> (PostgresStore, String) {
        let url = try PostgresServer.makeDatabase()
        return (try PostgresStore.open(url: url, access: .write), url)
    }

    @Test(arguments: [
        ("status", "INSERT INTO commitment (id, uid, title, parties, made_on, status, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '[\"US\"]', '2024-01-01', 'done', '2024-01-01', '2024-01-01')", "23514"),
        ("impossible day", "INSERT INTO commitment (id, uid, title, parties, made_on, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '[\"US\"]', '2023-02-29', '2024-01-01', '2024-01-01')", "22008"),
        ("empty title", "INSERT INTO commitment (id, uid, title, parties, made_on, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', '  ', '[\"US\"]', '2024-01-01', '2024-01-01', '2024-01-01')", "23514"),
        ("no party", "INSERT INTO commitment (id, uid, title, parties, made_on, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '[]', '2024-01-01', '2024-01-01', '2024-01-01')", "23514"),
        ("parties not an array", "INSERT INTO commitment (id, uid, title, parties, made_on, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '\"US\"', '2024-01-01', '2024-01-01', '2024-01-01')", "23514"),
        ("bad uid", "INSERT INTO commitment (id, uid, title, parties, made_on, status_changed_on, last_update_on) "
            + "VALUES (1, 'a b', 't', '[\"US\"]', '2024-01-01', '2024-01-01', '2024-01-01')", "23514"),
        ("due without due_by", "INSERT INTO commitment (id, uid, title, parties, made_on, due, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '[\"US\"]', '2024-01-01', '2024-02', '2024-01-01', '2024-01-01')", "23514"),
        ("bad due", "INSERT INTO commitment (id, uid, title, parties, made_on, due, due_by, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '[\"US\"]', '2024-01-01', '+0d', '2024-01-01', '2024-01-01', '2024-01-01')", "23514"),
        ("due before made", "INSERT INTO commitment (id, uid, title, parties, made_on, due, due_by, status_changed_on, last_update_on) "
            + "VALUES (1, 'u', 't', '[\"US\"]', '2024-01-01', '2023', '2023-12-31', '2024-01-01', '2024-01-01')", "23514"),
        ("orphan history", "INSERT INTO progress_update (commitment_id, on_date) VALUES (42, '2024-01-01')", "23503"),
        // Migration 0003: what the domain's field rules refuse.
        ("tab in title", PostgresSchemaTests.row(title: "'a' || chr(9) || 'b'"), "23514"),
        ("untrimmed title", PostgresSchemaTests.row(title: "'title '"), "23514"),
        ("long title", PostgresSchemaTests.row(title: "repeat('x', 501)"), "23514"),
        ("CR in quote", PostgresSchemaTests.row(quote: "'a' || chr(13) || 'b'"), "23514"),
        ("line separator in occasion", PostgresSchemaTests.row(occasion: "'a' || chr(8232) || 'b'"), "23514"),
        ("C1 control in source", PostgresSchemaTests.row(source: "'a' || chr(133)"), "23514"),
        ("repeated party", PostgresSchemaTests.row(parties: "'[\"US\", \"US\"]'"), "23514"),
        ("party with a semicolon", PostgresSchemaTests.row(parties: "'[\"US;MX\"]'"), "23514"),
        ("owner not a string", PostgresSchemaTests.row(owners: "'[1]'"), "23514"),
        ("empty tag", PostgresSchemaTests.row(tags: "'[\"\"]'"), "23514"),
        ("51 tags", PostgresSchemaTests.row(tags: "(SELECT json_agg('t' || n) FROM generate_series(1, 51) AS n)"), "23514"),
        // Migration 0005 checks lists without a subquery: the same rules, escapes included.
        ("party ending in a space", PostgresSchemaTests.row(parties: "'[\"US \"]'"), "23514"),
        ("repeated tag, once escaped", PostgresSchemaTests.row(tags: "'[\"A\", \"\\u0041\"]'"), "23514"),
        ("repeated owner holding a quote", PostgresSchemaTests.row(owners: "'[\"a\\\"b\", \"a\\\"b\"]'"), "23514"),
        ("escaped line feed in a party", PostgresSchemaTests.row(parties: "'[\"U\\nS\"]'"), "23514"),
        ("C1 control in a party", PostgresSchemaTests.row(parties: "json_build_array('a' || chr(133))"), "23514"),
        ("owner of 201 characters", PostgresSchemaTests.row(owners: "json_build_array(repeat('é', 201))"), "23514"),
        ("list inside a list", PostgresSchemaTests.row(tags: "'[[\"a\"]]'"), "23514"),
        ("control character in a note", "INSERT INTO progress_update (commitment_id, on_date, note) "
            + "SELECT id, '2024-01-01', 'a' || chr(7) FROM commitment", "23514"),
        ("untrimmed history source", "INSERT INTO progress_update (commitment_id, on_date, source) "
            + "SELECT id, '2024-01-01', ' https://a' FROM commitment", "23514"),
    ])
    func theSchemaRefusesWhatTheDomainRefuses(name: String, sql: String, state: String) throws {
        // Given a migrated database with one valid commitment
        let (store, _) = try makeStore()
        _ = try store.add(try draft(uid: "valid", id: 100))
        // When a bad row is written behind the domain's back
        // Then the server refuses it with the expected SQLSTATE
        #expect(throws: (any Error).self, "\(name)") {
            do { _ = try store.unmappedRows(.init(unsafeSQL: sql)) } catch {
                #expect(PostgresStore.sqlState(error) == state, "\(name)")
                throw error
            }
        }
    }

    @Test func theDomainChecksAcceptWhatTheDomainAccepts() throws {
        // Given a migrated database
        let (store, _) = try makeStore()
        // When rows at the limits are written behind the domain's back: tabs and line feeds
        // inside a quote and a note, accents, 50 distinct tags, a 500-character title
        _ = try store.unmappedRows(.init(unsafeSQL: Self.row(
            title: "repeat('é', 500)", quote: "'a' || chr(9) || 'b' || chr(10) || 'c'",
            tags: "(SELECT json_agg('t' || n) FROM generate_series(1, 50) AS n)")))
        _ = try store.unmappedRows(.init(unsafeSQL: "INSERT INTO progress_update (commitment_id, on_date, note) "
            + "SELECT id, '2024-01-01', 'line' || chr(10) || chr(9) || 'next' FROM commitment"))
        // And lists whose elements differ only in case, in a combining accent, or hold a
        // quote, a backslash or the `", "` that separates printed elements
        _ = try store.unmappedRows(.init(unsafeSQL: Self.row(
            id: 8, parties: "'[\"US\", \"us\"]'", owners: "json_build_array('say \"hi\"', 'back\\slash', 'back', "
                + "'a\", \"b', 'a', 'é', 'e' || chr(769), repeat('x', 200), 'x y')")))
        // Then they are stored
        #expect(try store.count() == 2)
    }

    @Test func theListRuleOf0005AgreesWithTheRuleOf0003() throws {
        // Given the list rule as migration 0003 wrote it, under another name, beside 0005's
        let (store, _) = try makeStore()
        let original = String(decoding: try #require(PostgresMigrations.all.first { $0.name == "0003_domain_checks" }).sql,
                              as: UTF8.self).replacingOccurrences(of: "accord_valid_", with: "original_valid_")
        for statement in PostgresMigrations.statements(original) where statement.hasPrefix("CREATE FUNCTION") {
            _ = try store.unmappedRows(.init(unsafeSQL: statement))
        }
        _ = try store.unmappedRows("""
            CREATE FUNCTION verdict(rule text, list text) RETURNS text LANGUAGE plpgsql AS $$
            DECLARE accepted boolean;
            BEGIN
                EXECUTE format('SELECT %I($1::json)', rule) INTO accepted USING list;
                RETURN coalesce(accepted::text, 'null');
            EXCEPTION WHEN others THEN RETURN 'error ' || SQLSTATE;
            END $$
            """)
        // When both judge lists of awkward elements (JSONEncoder writes controls as \u00XX
        // and `/` as `\/`), lists at and past the limits, and lists written by hand
        let elements = ["", " ", " a", "a ", "a", "A", "a;b", "a\u{1}", "a\tb", "a\nb", "\u{7f}", "x\u{85}", "\u{2028}",
                        "é", "e\u{301}", "\"", "\\", "a\", \"b", "x\\", "null", "US", "/", "\u{a0}a", "日本",
                        String(repeating: "x", count: 200), String(repeating: "é", count: 201)]
        func json(_ list: [String]) throws -> String { String(decoding: try JSONEncoder().encode(list), as: UTF8.self) }
        var lists = ["[]", "{}", "\"a\"", "1", "null", "[1]", "[null]", "[true]", "[\"a\", 1]", "[[\"a\"]]",
                     "[{\"a\": \"b\"}]", "[ \"a\" , \"b\" ]", "[\"\\u0041\", \"A\"]", "[\"\\u00e9\", \"é\"]"]
        for first in elements {
            lists.append(try json([first]))
            for second in elements { lists.append(try json([first, second])) }
        }
        for count in [50, 51] {
            let names = (1...count).map { "p\($0)" }
            lists.append(try json(names))
            lists.append(try json(Array(names.dropLast()) + [names[0]]))
        }
        // Then they accept, refuse or fail on exactly the same lists
        var text = SQLText()
        let placeholders = lists.map { text.bind($0) }
        text.sql = "SELECT list, verdict('original_valid_list', list), verdict('accord_valid_list', list) FROM (VALUES "
            + placeholders.map { "(\($0))" }.joined(separator: ", ") + ") AS v (list)"
        var accepted = 0
        for row in try store.unmappedRows(text.query) {
            let (list, before, after) = try row.decode((String, String, String).self)
            #expect(before == after, "\(list)")
            if after == "true" { accepted += 1 }
        }
        #expect(accepted > 100 && accepted < lists.count - 100, "both verdicts are seen")
    }

    @Test func theSchemasFunctionsWorkWithAnEmptySearchPath() throws {
        // PostgreSQL's own processes (autovacuum's ANALYZE, a restore of pg_dump's output) run
        // with an empty search path: the checks and the search indexes' expressions must not
        // depend on it
        let (store, _) = try makeStore()
        _ = try store.add(try draft())
        let schema = try #require(try store.value("SELECT current_schema()", as: String.self))
        _ = try store.unmappedRows("SET search_path = ''")
        _ = try store.unmappedRows(.init(unsafeSQL: "ANALYZE \"\(schema)\".commitment, \"\(schema)\".progress_update"))
        _ = try store.unmappedRows(.init(unsafeSQL: "INSERT INTO \"\(schema)\".progress_update (commitment_id, on_date, note) "
            + "VALUES (1, '2024-01-01', 'Written with an empty search path')"))
        #expect(throws: (any Error).self) {
            _ = try store.unmappedRows(.init(unsafeSQL: "INSERT INTO \"\(schema)\".progress_update (commitment_id, on_date, note) "
                + "VALUES (1, '2024-01-01', ' untrimmed')"))
        }
    }

    @Test func theDomainChecksAreInlinedIntoTheConstraints() throws {
        // A check the planner cannot inline is parsed and planned again by every statement
        // that writes a row: the checks must stay plain expressions.
        let (store, _) = try makeStore()
        let plan = try store.unmappedRows("""
            EXPLAIN (VERBOSE) SELECT accord_valid_list(c.parties), accord_valid_text(c.title, 500, false) FROM commitment c
            """).map { try $0.decode(String.self) }.joined(separator: "\n")
        #expect(plan.contains("jsonb_path_exists") && plan.contains("btrim"), "\(plan)")
        #expect(!plan.contains("accord_valid_"), "\(plan)")
    }

    /// An insert of a commitment whose other columns are valid.
    static func row(id: Int = 7, title: String = "'t'", quote: String = "''", occasion: String = "''", source: String = "''",
                    parties: String = "'[\"US\"]'", owners: String = "'[]'", tags: String = "'[]'") -> String {
        "INSERT INTO commitment (id, uid, title, quote, occasion, source, parties, owners, tags, made_on, "
            + "status_changed_on, last_update_on) VALUES (\(id), 'u\(id)', \(title), \(quote), \(occasion), \(source), "
            + "\(parties), \(owners), \(tags), '2024-01-01', '2024-01-01', '2024-01-01')"
    }

    @Test func historyIsAppendOnly() throws {
        let (store, _) = try makeStore()
        _ = try store.add(try draft())
        #expect(throws: (any Error).self) {
            do { _ = try store.unmappedRows("UPDATE progress_update SET note = 'rewritten'") } catch {
                #expect(PostgresStore.sqlState(error) == "23001")
                throw error
            }
        }
        #expect(try store.commitment(id: 1).history.first?.note == "created")
    }

    @Test func bothBackendsHaveTheSameMigrationsAndEachIsCompiledIn() throws {
        func names(_ folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) }.sorted()
        }
        let postgres = try names("migrations/postgres")
        #expect(postgres == (try names("migrations/sqlite")))
        #expect(PostgresMigrations.all.map(\.name) == postgres)
    }

    @Test func aReadOfAnEmptyDatabaseFindsNothingAndAnotherApplicationsIsRefused() throws {
        // Given a database no write has used, and one holding another application's table
        let empty = try PostgresServer.makeDatabase()
        let foreign = try PostgresServer.makeDatabase()
        try PostgresServer.execute(foreign, "CREATE TABLE invoices (id int)")
        // Then a read of the first finds no database, and the second is not Accord's
        #expect(throws: StoreError.noDatabase(try ConnectionTarget(url: empty, environment: [:]).display)) {
            try PostgresStore.open(url: empty, access: .read)
        }
        #expect(throws: StoreError.self) { try PostgresStore.open(url: foreign, access: .write) }
        // And neither was changed
        #expect(try PostgresStore.connect(try ConnectionTarget(url: empty, environment: [:])).schemaState() == .empty)
    }

    @Test func aDatabaseFromANewerAccordIsRefused() throws {
        let (_, url) = try makeStore()
        try PostgresServer.execute(url, "INSERT INTO accord_migrations (name) VALUES ('9999_future')")
        let display = try ConnectionTarget(url: url, environment: [:]).display
        #expect(throws: StoreError.newerSchema(display, ["9999_future"])) { try PostgresStore.open(url: url, access: .read) }
        #expect(throws: StoreError.newerSchema(display, ["9999_future"])) { try PostgresStore.open(url: url, access: .write) }
    }

    @Test func aFailingMigrationLeavesTheDatabaseAsItWas() throws {
        // Given a database at the first migration
        let url = try PostgresServer.makeDatabase()
        let store = try PostgresStore.connect(try ConnectionTarget(url: url, environment: [:]))
        try store.migrate(Array(PostgresMigrations.all.prefix(1)))
        // When a later migration fails halfway
        let broken = [PostgresMigrations.all[0], ("0002_broken", Array("ALTER TABLE commitment ADD COLUMN x int; SELECT 1/0;".utf8))]
        #expect(throws: StoreError.self) { try store.migrate(broken) }
        // Then neither its first statement nor its log entry stayed
        #expect(try store.schemaState() == .accord(["0001_initial"]))
        #expect(try store.value("SELECT count(*) FROM information_schema.columns WHERE column_name = 'x'", as: Int64.self) == 0)
    }

    @Test func connectionProblemsAreOneClearErrorWithoutThePassword() throws {
        let admin = try #require(PostgresServer.adminURL)
        let target = try ConnectionTarget(url: admin, environment: [:])
        // A database that does not exist
        var missing = target
        missing.database = "no_such_db"
        #expect {
            try PostgresStore.open(url: missing.display, access: .read)
        } throws: { error in
            guard case StoreError.cannotOpen(_, let reason) = error else { return false }
            return reason.contains("no_such_db") && reason.contains("createdb")
        }
        // A server that is not there, reached with a password
        let url = "postgres://someone:hunter2@localhost/accord?host=/nonexistent-folder"
        #expect {
            try PostgresStore.open(url: url, access: .read)
        } throws: { error in
            guard case StoreError.cannotOpen(let shown, _) = error else { return false }
            return !"\(error)".contains("hunter2") && shown == "postgres://someone@/accord?host=/nonexistent-folder"
        }
    }
}
