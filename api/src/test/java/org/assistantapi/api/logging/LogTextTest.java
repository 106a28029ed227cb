package org.assistantapi.api.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void aFieldIsOneTokenOnOneLine() {
        assertEquals("/x\\x0A2099-01-01\\x20GET\\x20/FORGED\\x20status=200",
                LogText.field("/x\n2099-01-01 GET /FORGED status=200"));
        assertEquals("a\\x0Db\\x00c\\x{2028}d\\x{202E}e\\x7F\\x85", LogText.field("a\rb\0c\u2028d\u202ee\u007f\u0085"));
    }

    @Test
    void backslashesAreEscapedSoTheOriginalCanBeReadBack() {
        assertEquals("a\\\\x0A", LogText.field("a\\x0A"));
    }

    @Test
    void printableTextOfAnyScriptStays() {
        assertEquals("espeak:de/über-日本語-😀", LogText.field("espeak:de/über-日本語-😀"));
        assertEquals("a message with spaces\\x0Aand a break", LogText.message("a message with spaces\nand a break"));
    }

    @Test
    void emptyFieldsAreADashAndLongOnesAreCut() {
        assertEquals("-", LogText.field(null));
        assertEquals("-", LogText.field(""));
        assertEquals("a".repeat(LogText.MAX_FIELD) + "...", LogText.field("a".repeat(LogText.MAX_FIELD + 1)));
        assertEquals("a".repeat(LogText.MAX_FIELD), LogText.field("a".repeat(LogText.MAX_FIELD)));
    }
}
