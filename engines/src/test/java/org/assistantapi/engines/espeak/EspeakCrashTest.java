package org.assistantapi.engines.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** libespeak-ng 1.51's stack overflow on long words, in a child JVM: the library as is, and through the guard. */
class EspeakCrashTest {

    private static final EspeakFuzzer.Case KNOWN_CRASH = new EspeakFuzzer.Case("en-us", "x." + "9".repeat(168));

    @Test
    void theHarnessSeesTheLibraryCrash() throws Exception {
        // If this fails, the installed libespeak-ng no longer has the bug (or the harness cannot see a
        // crash, which would make the next test worthless): check docs/developer/espeak.md.
        assertEquals(List.of(KNOWN_CRASH), EspeakFuzzer.run(EspeakFuzzer.Mode.RAW, List.of(KNOWN_CRASH)));
    }

    @Test
    void noGeneratedTextCrashesTheLibraryThroughTheGuard() throws Exception {
        List<EspeakFuzzer.Case> cases = new ArrayList<>(List.of(KNOWN_CRASH,
                new EspeakFuzzer.Case("de", "E." + "9".repeat(500)),
                new EspeakFuzzer.Case("fr", "a.".repeat(300)),
                new EspeakFuzzer.Case("ar", "A." + "日".repeat(300)),
                new EspeakFuzzer.Case("es", "e." + "é".repeat(300)),
                new EspeakFuzzer.Case("en-us", "a.a. ".repeat(100)),
                new EspeakFuzzer.Case("en-us", "a.a.? ".repeat(100))));
        cases.addAll(EspeakFuzzer.cases(300, 42));
        assertEquals(List.of(), EspeakFuzzer.run(EspeakFuzzer.Mode.GUARDED, cases));
    }
}
