package org.assistantapi.engines.piper;

/**
 * A word of the text and the phonemes that speak it: offsets {@code [start, end)} in its
 * sentence's phoneme string (UTF-16 units, as {@link PhonemeSentence} holds it).
 */
record WordPhonemes(String text, int start, int end) {

    WordPhonemes {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad phoneme span " + start + ".." + end + " for " + text);
        }
    }

    WordPhonemes shifted(int by) {
        return new WordPhonemes(text, start + by, end + by);
    }
}
