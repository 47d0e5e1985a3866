import Testing
@testable import AccordCore

@Suite struct TerminalTextTests {
    @Test func controlsOverridesAndInvisiblesAreShownNotObeyed() {
        #expect(TerminalText.visible("2023-01-04 ok\r2023-01-04 fulfilled → broken: FAKE") == "2023-01-04 ok\\r2023-01-04 fulfilled → broken: FAKE")
        #expect(TerminalText.visible("\u{1B}[31mred\u{1B}[0m") == "⟨U+001B⟩[31mred⟨U+001B⟩[0m")
        #expect(TerminalText.visible("abc\u{202E}cba") == "abc⟨U+202E⟩cba")
        #expect(TerminalText.visible("zero\u{200B}width\u{FEFF}") == "zero⟨U+200B⟩width⟨U+FEFF⟩")
        #expect(TerminalText.visible("tab\there") == "tab\\there")
        #expect(TerminalText.visible("two\nlines") == "two\\nlines")
        #expect(TerminalText.visible("two\nlines", keepsLineFeeds: true) == "two\nlines")
        #expect(TerminalText.visible("c1\u{85}") == "c1⟨U+0085⟩")
        // Letters, accents, CJK and emoji are left alone.
        let plain = "Bárcena 国境 ✓ 👍🏽 e\u{301}"
        #expect(TerminalText.visible(plain) == plain)
    }

    @Test func carriageReturnsInMultiLineFieldsBecomeLineFeeds() throws {
        #expect(try Field.checkedText("a\r\nb\rc", field: "note", limit: 100, multiline: true) == "a\nb\nc")
        #expect(throws: AccordError.self) { try Field.checkedText("a\rb", field: "title", limit: 100) }
    }

    @Test func errorMessagesQuoteValuesVisibly() {
        #expect(quoted("a\u{1B}[2Jb") == "'a⟨U+001B⟩[2Jb'")
        #expect(quoted("it's") == "'it\\'s'")
        #expect(quoted("a\\b") == "'a\\\\b'")
        // Every quote and backslash is escaped, one followed by a combining mark too.
        #expect(quoted("it'\u{301}s") == "'it\\'\u{301}s'")
        #expect(quoted(String(repeating: "'", count: 81)) == "'" + String(repeating: "\\'", count: 80) + "…'")
    }
}
