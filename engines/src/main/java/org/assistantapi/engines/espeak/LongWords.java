package org.assistantapi.engines.espeak;

import java.nio.charset.StandardCharsets;

/**
 * Makes text safe for libespeak-ng: no run that espeak-ng may read as one word, longer than
 * {@link #MAX_RUN_BYTES} UTF-8 bytes, goes on after a letter followed by a period.
 *
 * <p>Why: Debian 12's libespeak-ng 1.51 overflows a stack buffer (glibc aborts the process with
 * "stack smashing detected") when about 165 bytes of such a run follow a letter and a period:
 * {@code "x." + "9".repeat(168)}, {@code "a.".repeat(85)}, {@code "x." + "é".repeat(84)}, and also
 * across spaces, {@code "a.a. ".repeat(43)} or {@code "a.a.? ".repeat(43)}: a word that ends in
 * punctuation runs on into the next. Its word buffers are 160 bytes. {@code EspeakFuzzer} (engines
 * test code) maps the shapes: runs of any length without a letter and a period inside ({@code "9"
 * × 4000}, {@code "a" × 4000}, {@code "a" × 200 + "x."}) did not crash it, nor did any run of 160
 * bytes or less, and a line break always ended a run.
 *
 * <p>So a run ends at a line break, or at whitespace after a letter or digit; in a run longer than
 * the bound, every letter-and-period not at its end is followed by a line break (which espeak-ng
 * reads as a plain word gap). Nothing else changes: long runs of digits or letters are read as
 * before (breaking them would only make espeak-ng say more), and ordinary text has no such runs.
 *
 * <p>Also replaces unpaired surrogates (which JSON escapes can carry) so that UTF-8 offsets stay
 * one-to-one with the text. The result of {@link #guard} is its own fixed point.
 */
public final class LongWords {

    /** Runs up to this many UTF-8 bytes pass as they are: well below espeak-ng's 160-byte word buffers. */
    public static final int MAX_RUN_BYTES = 100;

    private LongWords() {
    }

    /** The text with unpaired surrogates replaced and every over-long run broken after its letter-periods. */
    public static String guard(String text) {
        String wellFormed = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(wellFormed.length() + 16);
        int runStart = 0;
        int runBytes = 0;
        int previous = '\n';
        for (int i = 0; i < wellFormed.length(); ) {
            int c = wellFormed.codePointAt(i);
            int next = i + Character.charCount(c);
            if (Character.isWhitespace(c) && endsRun(c, previous)) {
                appendRun(out, wellFormed.substring(runStart, i), runBytes);
                out.appendCodePoint(c);
                runStart = next;
                runBytes = 0;
            } else {
                runBytes += utf8Length(c);
            }
            previous = c;
            i = next;
        }
        appendRun(out, wellFormed.substring(runStart), runBytes);
        return out.toString();
    }

    /** Whether this whitespace ends the run: a line break does, and any after a letter or digit. */
    private static boolean endsRun(int whitespace, int previous) {
        return whitespace == '\n' || Character.isLetterOrDigit(previous) || Character.isWhitespace(previous);
    }

    private static void appendRun(StringBuilder out, String run, int bytes) {
        if (bytes <= MAX_RUN_BYTES) {
            out.append(run);
            return;
        }
        int previous = 0;
        for (int i = 0; i < run.length(); ) {
            int c = run.codePointAt(i);
            out.appendCodePoint(c);
            i += Character.charCount(c);
            if (c == '.' && Character.isLetter(previous) && i < run.length()) {
                out.append('\n');
            }
            previous = c;
        }
    }

    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
}
