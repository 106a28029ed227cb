package org.assistantapi.engines.espeak;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.WordTiming;

/**
 * Turns espeak-ng's events for one text into the text's words with their spans. espeak-ng marks
 * where each word starts (its character position and sample) and where each clause ends; a word
 * ends where the next word or its clause's end begins, or with the audio. The words reported are
 * the text's own (whitespace-separated, surrounding punctuation dropped): espeak-ng may speak one
 * as several ("1,000"), which are merged back into one.
 */
final class SpokenWords {

    private final String text;
    private final PcmSink sink;
    /** The word being spoken: its place in the text and its first sample; start -1 when none. */
    private int wordStart = -1;
    private int wordEnd;
    private long wordSample;
    /** Where the last word started in the text: espeak-ng's events never go back past it. */
    private int lastStart = -1;

    SpokenWords(String text, PcmSink sink) {
        this.text = text;
        this.sink = sink;
    }

    /**
     * espeak-ng started a word.
     *
     * @param position the word's position in code points, counted from 1 (espeak-ng's {@code text_position};
     *                 its {@code length} is not used: espeak-ng gives 0 for a word after an opening quote)
     * @param sample   where it starts, in samples from the start of the text's audio
     */
    void wordStarts(int position, long sample) {
        int at = charIndex(position);
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        if (at >= text.length()) {
            return;
        }
        int start = at;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        if (start <= lastStart) {
            return; // another part of the same word, or a stray event pointing back
        }
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        endWord(sample);
        lastStart = start;
        wordStart = start;
        wordEnd = end;
        wordSample = sample;
    }

    /** A clause ended at this sample (its pause follows): the word being spoken ends here. */
    void clauseEnds(long sample) {
        endWord(sample);
    }

    /** The text's audio ended after this many samples. */
    void finish(long samples) {
        endWord(samples);
    }

    private void endWord(long sample) {
        if (wordStart < 0) {
            return;
        }
        String word = withoutPunctuation(text.substring(wordStart, wordEnd));
        if (!word.isEmpty()) {
            sink.word(new WordTiming(word, wordSample, Math.max(wordSample, sample)));
        }
        wordStart = -1;
    }

    private int charIndex(int position) {
        int codePoints = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.clamp(position - 1L, 0, codePoints));
    }

    /** Drops punctuation around a word ("Hello," → "Hello", "“yes”" → "yes"), keeping what is inside ("I'm"). */
    static String withoutPunctuation(String word) {
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

    private static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.DASH_PUNCTUATION,
                 Character.CONNECTOR_PUNCTUATION -> true;
            default -> false;
        };
    }
}
