package org.assistantapi.engines.espeak;

import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.EngineException;

/**
 * espeak-ng's sentence rule: its clauses, joined until one ends with sentence punctuation. This
 * is where Piper ends a sentence too, so every engine speaks the same units.
 */
public final class Sentences {

    private Sentences() {
    }

    /**
     * Splits text into sentences as they stand in the text (spaces trimmed, empty ones dropped),
     * after {@link LongWords} broke any word too long for espeak-ng.
     */
    public static List<String> split(EspeakLibrary library, String language, String text) throws EngineException {
        String wellFormed = LongWords.guard(text);
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (EspeakLibrary.Clause clause : library.phonemize(language, wellFormed)) {
            if (endsSentence(clause.terminator()) || clause.textEnd() >= wellFormed.length()) {
                add(sentences, wellFormed.substring(start, Math.max(start, clause.textEnd())));
                start = Math.max(start, clause.textEnd());
            }
        }
        add(sentences, wellFormed.substring(start));
        return sentences;
    }

    /** Whether a clause ending in this punctuation ends its sentence. */
    public static boolean endsSentence(int terminator) {
        return switch (terminator) {
            case '.', '?', '!', '。', '？', '！' -> true;
            default -> false;
        };
    }

    private static void add(List<String> sentences, String sentence) {
        String trimmed = sentence.strip();
        if (!trimmed.isEmpty()) {
            sentences.add(trimmed);
        }
    }
}
