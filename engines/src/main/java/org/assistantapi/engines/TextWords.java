package org.assistantapi.engines;

import java.util.Arrays;
import java.util.List;

/**
 * The words of a text as word timings report them: whitespace-separated, with the punctuation
 * around each dropped ("Hello," → "Hello", "“yes”" → "yes") and what is inside kept ("I'm"); a
 * run of punctuation alone ("—") is no word.
 */
public final class TextWords {

    private TextWords() {
    }

    public static List<String> of(String text) {
        return Arrays.stream(text.strip().split("\\s+")).map(TextWords::withoutPunctuation)
                .filter(word -> !word.isEmpty()).toList();
    }

    /** Drops punctuation around a word, keeping what is inside. */
    public static String withoutPunctuation(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && isPunctuation(word.codePointAt(start))) {
            start += Character.charCount(word.codePointAt(start));
        }
        while (end > start && isPunctuation(word.codePointBefore(end))) {
            end -= Character.charCount(word.codePointBefore(end));
        }
        return word.substring(start, end);
    }

    /** Unicode's punctuation classes: brackets, quotes, dashes, connectors and the rest. */
    public static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.DASH_PUNCTUATION,
                 Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }
}
