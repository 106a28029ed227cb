package org.assistantapi.engines.espeak;

import java.nio.charset.StandardCharsets;

/**
 * Makes text safe for libespeak-ng: no run that espeak-ng may read as one word longer than
 * {@link #MAX_RUN_BYTES} UTF-8 bytes reaches the library.
 *
 * <p>Why: Debian 12's libespeak-ng 1.51 overflows a stack buffer (glibc aborts the process with
 * "stack smashing detected") once about 165 bytes of such a run contain a letter followed by a
 * period: {@code "x." + "9".repeat(168)}, {@code "a.".repeat(85)}, {@code "x." + "é".repeat(84)},
 * and also across spaces, {@code "a.a. ".repeat(43)} or {@code "a.a.? ".repeat(43)}: a word that
 * ends in punctuation runs on into the next. Its word buffers are 160 bytes. {@code EspeakFuzzer}
 * (engines test code) maps the shapes; no run of 160 bytes or less crashed it, and a line break
 * always ended a run.
 *
 * <p>So a run ends at a line break, or at whitespace after a letter or digit; any other run longer
 * than the bound gets a line break (which espeak-ng reads as a plain word gap, not a pause): at its
 * last whitespace, else after its last punctuation in the second half of the window, else where it
 * reaches the bound (never before a combining mark). Ordinary text has no such runs and passes
 * unchanged; digit runs become groups.
 *
 * <p>Also replaces unpaired surrogates (which JSON escapes can carry) so that UTF-8 offsets stay
 * one-to-one with the text. The result of {@link #guard} is its own fixed point.
 */
public final class LongWords {

    /** The longest run passed to espeak-ng, in UTF-8 bytes: well below its 160-byte word buffers. */
    public static final int MAX_RUN_BYTES = 100;

    private LongWords() {
    }

    /** The text with unpaired surrogates replaced and every over-long run broken by a line break. */
    public static String guard(String text) {
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(wellFormed.length() + 16);
        int runBytes = 0;
        int wordStart = 0;
        int lastGap = -1;
        int previous = '\n';
        for (int i = 0; i < wellFormed.length(); i += Character.charCount(wellFormed.codePointAt(i))) {
            int c = wellFormed.codePointAt(i);
            out.appendCodePoint(c);
            if (Character.isWhitespace(c)) {
                boolean runEnds = c == '\n' || Character.isLetterOrDigit(previous) || Character.isWhitespace(previous);
                runBytes = runEnds ? 0 : runBytes + 1;
                lastGap = runEnds ? -1 : out.length();
                wordStart = out.length();
                previous = c;
                continue;
            }
            int bytes = utf8Length(c);
            if (runBytes + bytes > MAX_RUN_BYTES) {
                out.setLength(out.length() - Character.charCount(c));
                int cut = lastGap > 0 ? lastGap : breakPoint(out, wordStart, c);
                out.insert(cut, '\n');
                wordStart = Math.max(wordStart, cut + 1);
                lastGap = -1;
                runBytes = utf8Length(out, cut + 1);
                out.appendCodePoint(c);
            }
            runBytes += bytes;
            previous = c;
        }
        return out.toString();
    }

    /**
     * Where to break the word that starts at {@code wordStart} and fills the end of {@code out},
     * before {@code next} is added: after its last punctuation or symbol when that is in the word's
     * second half, else at its end; never before a combining mark, which belongs to the letter before it.
     */
    private static int breakPoint(StringBuilder out, int wordStart, int next) {
        int end = out.length();
        int half = wordStart + (end - wordStart) / 2;
        for (int i = end; i > half; i -= Character.charCount(out.codePointBefore(i))) {
            int c = out.codePointBefore(i);
            if (!Character.isLetterOrDigit(c) && !isMark(c) && (i < end || !isMark(next))) {
                return i;
            }
        }
        if (!isMark(next)) {
            return end;
        }
        int i = end;
        while (i > half && isMark(out.codePointBefore(i))) {
            i -= Character.charCount(out.codePointBefore(i));
        }
        return i > half ? i - Character.charCount(out.codePointBefore(i)) : end;
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static int utf8Length(CharSequence text, int from) {
        int bytes = 0;
        for (int i = from; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            bytes += utf8Length(c);
            i += Character.charCount(c);
        }
        return bytes;
    }

    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
}
