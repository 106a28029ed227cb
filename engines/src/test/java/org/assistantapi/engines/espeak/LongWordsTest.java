package org.assistantapi.engines.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class LongWordsTest {

    /** A letter and a period with more of the run after it: what the crash needs. */
    private static final Pattern LETTER_PERIOD_INSIDE = Pattern.compile("\\p{L}\\.\\S");

    private static final List<String> CRASHERS = List.of("x." + "9".repeat(168), "a.".repeat(85),
            "x." + "é".repeat(84), "x." + "日".repeat(56), "U.S." + "a".repeat(300), "x." + "9".repeat(168) + " tail",
            "a.a. ".repeat(43), "a.a.a.a.a.? ".repeat(40), "E." + "9".repeat(400));

    @Test
    void leavesOrdinaryTextAndLongRunsWithoutALetterPeriodAlone() {
        for (String text : List.of("Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft, "
                + "U.S. 1,000,000 e.g. https://example.org/a/b?c=d — Grüße!", "9".repeat(4000), "a".repeat(4000),
                "😀".repeat(400), "日本語の文章、".repeat(40), "a".repeat(200) + "x.", "word ".repeat(100) + "x.99 ".repeat(100))) {
            assertEquals(text, LongWords.guard(text));
        }
    }

    @Test
    void noLongRunGoesOnAfterALetterAndAPeriod() {
        for (String text : CRASHERS) {
            for (String line : LongWords.guard(text).split("\n")) {
                assertFalse(line.getBytes(StandardCharsets.UTF_8).length > LongWords.MAX_RUN_BYTES
                        && LETTER_PERIOD_INSIDE.matcher(line).find(), line);
            }
        }
    }

    @Test
    void onlyAddsLineBreaksAndIsItsOwnFixedPoint() {
        for (String text : CRASHERS) {
            String guarded = LongWords.guard(text);
            assertEquals(text.replaceAll("\\s", ""), guarded.replaceAll("\\s", ""));
            assertEquals(guarded, LongWords.guard(guarded));
        }
        assertEquals("x.\n" + "9".repeat(168), LongWords.guard("x." + "9".repeat(168)));
    }

    @Test
    void replacesUnpairedSurrogates() {
        assertEquals("a?b", LongWords.guard("a\uD800b"));
    }
}
