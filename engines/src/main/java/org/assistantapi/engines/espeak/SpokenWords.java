package org.assistantapi.engines.espeak;

import java.util.List;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.TextWords;
import org.assistantapi.engines.WordTiming;

/**
 * Turns espeak-ng's events for one text into the text's words with their spans. espeak-ng marks
 * where each word starts (its character position and sample) and where each clause ends; a word
 * ends where the next word or its clause's end begins, or with the audio. The words reported are
 * the text's own ({@link TextWords}). espeak-ng may speak one
 * as several ("1,000"), which are merged back into one, or several as one ("on the" in "turning on
 * the lights" has one event), whose span is then shared among them by their lengths.
 */
final class SpokenWords {

    private final String text;
    private final PcmSink sink;
    /** Where the word being spoken starts in the text, or -1 when none is; and its first sample. */
    private int wordStart = -1;
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
        int start = at;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        if (at >= text.length() || start <= lastStart) {
            return; // past the text, another part of the same word, or a stray event pointing back
        }
        endWord(sample, start);
        lastStart = start;
        wordStart = start;
        wordSample = sample;
    }

    /** A clause ended at this sample (its pause follows) and just before this position (as {@link #wordStarts}). */
    void clauseEnds(int position, long sample) {
        endWord(sample, charIndex(position));
    }

    /** The text's audio ended after this many samples. */
    void finish(long samples) {
        endWord(samples, text.length());
    }

    /** The word being spoken ends at {@code sample}; it, and any words espeak-ng joined to it, end before {@code textEnd}. */
    private void endWord(long sample, int textEnd) {
        if (wordStart < 0) {
            return;
        }
        int end = wordStart;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        end = Math.max(end, Math.min(textEnd, text.length()));
        List<String> words = TextWords.of(text.substring(wordStart, end));
        long letters = words.stream().mapToLong(word -> word.codePointCount(0, word.length())).sum();
        long span = Math.max(0, sample - wordSample);
        long lettersBefore = 0;
        for (String word : words) {
            long start = wordSample + span * lettersBefore / letters;
            lettersBefore += word.codePointCount(0, word.length());
            sink.word(new WordTiming(word, start, wordSample + span * lettersBefore / letters));
        }
        wordStart = -1;
    }

    private int charIndex(int position) {
        int codePoints = text.codePointCount(0, text.length());
        return text.offsetByCodePoints(0, Math.clamp(position - 1L, 0, codePoints));
    }
}
