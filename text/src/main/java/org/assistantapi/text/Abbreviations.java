package org.assistantapi.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A language's abbreviations and what they stand for where they stand: "Dr. Smith" is a doctor,
 * "Smith Dr." a drive. Read from {@code abbreviations-<language>.tsv}.
 */
final class Abbreviations {

    /** Where an expansion applies. */
    enum Context {
        ANY, BEFORE_NAME, AFTER_NAME, BEFORE_NUMBER
    }

    private record Expansion(String words, Context context) {
    }

    private static final Pattern SPACE = Pattern.compile("\\s");

    private final Map<String, List<Expansion>> byWritten = new LinkedHashMap<>();
    private final Pattern pattern;

    Abbreviations(String language) {
        for (List<String> row : Tables.rows("abbreviations-" + language + ".tsv", 3)) {
            byWritten.computeIfAbsent(row.get(0), key -> new ArrayList<>())
                    .add(new Expansion(row.get(1), Context.valueOf(row.get(2).toUpperCase(Locale.ROOT))));
        }
        List<String> written = new ArrayList<>(byWritten.keySet());
        written.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder alternatives = new StringBuilder();
        for (String abbreviation : written) {
            if (!alternatives.isEmpty()) {
                alternatives.append('|');
            }
            // "z. B." is also written "z.B."; both are in the table, a space may be any space.
            alternatives.append(Pattern.quote(abbreviation).replace(" ", "\\E\\s\\Q"));
        }
        this.pattern = Pattern.compile("(?:" + alternatives + ")(?![\\p{L}\\d])");
    }

    /** Whether an abbreviation is written without a full stop, like "vs" (the others need one to match). */
    boolean isDotless(String word) {
        return byWritten.containsKey(word);
    }

    /** Matches any abbreviation of the language at a word start. */
    Pattern pattern() {
        return pattern;
    }

    /**
     * What the abbreviation matched says here, or null when no row fits (it is left as written).
     *
     * @param matched        the abbreviation as written
     * @param nameBefore     a capitalized word comes right before it
     * @param nameAfter      a capitalized word comes right after it
     * @param numberAfter    a number comes right after it
     */
    String expand(String matched, boolean nameBefore, boolean nameAfter, boolean numberAfter) {
        List<Expansion> expansions = byWritten.get(SPACE.matcher(matched).replaceAll(" "));
        if (expansions == null) {
            return null;
        }
        for (Expansion expansion : expansions) {
            boolean fits = switch (expansion.context()) {
                case ANY -> true;
                case BEFORE_NAME -> nameAfter && !(nameBefore && !nameAfter);
                case AFTER_NAME -> nameBefore && !nameAfter;
                case BEFORE_NUMBER -> numberAfter;
            };
            if (fits) {
                return expansion.words();
            }
        }
        return null;
    }
}
