package org.assistantapi.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The case tables in {@code cases/<language>.tsv} (category, written text, expected words): each
 * row is a test. {@code \n} in the written text stands for a line break.
 */
class NormalizationCasesTest {

    /** The brief: at least this many cases per language with complete rules. */
    private static final int MIN_CASES = 150;

    private final TextFrontEnd frontEnd = new TextFrontEnd(TextSettings.DEFAULT);

    @TestFactory
    Stream<DynamicTest> americanEnglish() throws IOException {
        return cases("en-us");
    }

    @TestFactory
    Stream<DynamicTest> britishEnglish() throws IOException {
        return cases("en-gb");
    }

    @TestFactory
    Stream<DynamicTest> german() throws IOException {
        return cases("de");
    }

    private Stream<DynamicTest> cases(String language) throws IOException {
        List<Case> cases = read(language);
        assertTrue(cases.size() >= MIN_CASES, language + " has " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.line() + " " + c.category() + ": " + c.written(),
                () -> assertEquals(c.expected(), frontEnd.normalize(c.written(), language), c.written())));
    }

    record Case(int line, String category, String written, String expected) {
    }

    static List<Case> read(String language) throws IOException {
        try (InputStream in = NormalizationCasesTest.class.getResourceAsStream("cases/" + language + ".tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank() || lines[i].startsWith("#")) {
                    continue;
                }
                String[] cells = lines[i].split("\t", -1);
                assertEquals(3, cells.length, "cases/" + language + ".tsv:" + (i + 1) + " needs 3 columns");
                cases.add(new Case(i + 1, cells[0], cells[1].replace("\\n", "\n"), cells[2]));
            }
            return cases;
        }
    }
}
