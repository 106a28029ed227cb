package org.assistantapi.engines.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class LongWordsTest {

    private static final List<String> LONG = List.of("x." + "9".repeat(168), "a.".repeat(85), "x." + "é".repeat(84),
            "x." + "日".repeat(56), "U.S." + "a".repeat(300), "9".repeat(1000), "😀".repeat(400),
            "e\u0301".repeat(200), "x." + "9".repeat(168) + " tail", "日本語の文章、".repeat(40), "a.a. ".repeat(43),
            "a.a.a.a.a.? ".repeat(40));

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft, "
                + "U.S. 1,000,000 e.g. https://example.org/a/b?c=d — Grüße!";
        assertEquals(text, LongWords.guard(text));
    }

    @Test
    void noRunReachesTheBound() {
        for (String text : LONG) {
            for (String line : LongWords.guard(text).split("\n")) {
                assertTrue(line.strip().getBytes(StandardCharsets.UTF_8).length <= LongWords.MAX_RUN_BYTES, line);
            }
        }
    }

    @Test
    void aRunEndsAtWhitespaceAfterALetterOrDigit() {
        String words = "word ".repeat(100) + "x.99 ".repeat(100);
        assertEquals(words, LongWords.guard(words));
    }

    @Test
    void onlyAddsLineBreaksAndIsItsOwnFixedPoint() {
        for (String text : LONG) {
            String guarded = LongWords.guard(text);
            assertEquals(text.replaceAll("\\s", ""), guarded.replaceAll("\\s", ""));
            assertEquals(guarded, LongWords.guard(guarded));
        }
    }

    @Test
    void breaksAfterPunctuationAndKeepsCombiningMarksWithTheirLetter() {
        String cjk = LongWords.guard("日本語の文章、".repeat(40));
        assertTrue(cjk.contains("、\n"), cjk);
        for (String word : LongWords.guard("e\u0301".repeat(200)).split("\n")) {
            assertTrue(word.startsWith("e"), word);
        }
    }

    @Test
    void replacesUnpairedSurrogates() {
        assertEquals("a?b", LongWords.guard("a\uD800b"));
    }
}
