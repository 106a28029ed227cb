package org.assistantapi.engines;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a sentence into pieces short enough to synthesize within a budget, so that one long
 * sentence never holds a worker for long. A piece ends at a clause boundary where one fits; a
 * piece that would still pass the hard bound (a clause with no punctuation for hundreds of
 * characters, a run of CJK text) is cut after a space, and failing that between two characters.
 * The first piece of a text has a tighter limit of its own and is cut after a space when no clause
 * ends early enough, so that its first audio comes soon.
 *
 * <p>Lengths count UTF-16 units of whatever string is cut (text for espeak-ng, phonemes for
 * Piper). A cut never splits a surrogate pair or separates a combining mark from its base.
 *
 * @param first the most a text's first piece holds
 * @param soft  the most a later piece holds when clause boundaries allow
 * @param hard  the most any piece holds, whatever the punctuation
 */
public record Pieces(int first, int soft, int hard) {

    /** No limit short of the hard bound: sentences are cut only when over it. */
    public static Pieces hardOnly(int hard) {
        return new Pieces(hard, hard, hard);
    }

    public Pieces {
        if (first < 1 || soft < 1 || hard < Math.max(first, soft)) {
            throw new IllegalArgumentException("piece limits must be positive with hard >= first, soft: "
                    + first + ", " + soft + ", " + hard);
        }
    }

    /**
     * @param sentence   the sentence to cut
     * @param clauseEnds offsets in the sentence where a clause ends (after its punctuation), ascending
     * @param firstOfText whether this sentence opens its text (its first piece gets {@link #first})
     * @return the pieces, stripped of spaces at their ends; the sentence itself when it fits
     */
    public List<String> cut(String sentence, List<Integer> clauseEnds, boolean firstOfText) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int limit = firstOfText ? first : soft;
        while (start < sentence.length()) {
            int end = sentence.length() - start <= limit ? sentence.length() : cutPoint(sentence, clauseEnds, start, limit,
                    firstOfText && pieces.isEmpty());
            String piece = sentence.substring(start, end).strip();
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
            start = end;
            limit = soft;
        }
        return pieces;
    }

    /** Where the piece from {@code start} ends when the rest is longer than {@code limit}. */
    private int cutPoint(String sentence, List<Integer> clauseEnds, int start, int limit, boolean opening) {
        int lastClauseEnd = -1;
        int nextClauseEnd = -1;
        for (int end : clauseEnds) {
            if (end <= start) {
                continue;
            }
            if (end <= start + limit) {
                lastClauseEnd = end;
            } else {
                nextClauseEnd = end;
                break;
            }
        }
        if (lastClauseEnd > 0) {
            return lastClauseEnd;
        }
        if (!opening && nextClauseEnd > 0 && nextClauseEnd - start <= hard) {
            return nextClauseEnd; // a long clause, but within the bound: keep it whole for its prosody
        }
        return wordOrCharacterCut(sentence, start, start + limit);
    }

    /** After the last space before {@code max}; with none, at {@code max}, moved back to a character boundary. */
    private static int wordOrCharacterCut(String sentence, int start, int max) {
        int space = sentence.lastIndexOf(' ', max - 1);
        if (space > start) {
            return space + 1;
        }
        int cut = max;
        while (cut > start + 1 && !isCharacterBoundary(sentence, cut)) {
            cut--;
        }
        return cut;
    }

    private static boolean isCharacterBoundary(String text, int index) {
        char c = text.charAt(index);
        return !Character.isLowSurrogate(c) && Character.getType(c) != Character.NON_SPACING_MARK
                && Character.getType(c) != Character.ENCLOSING_MARK;
    }

    /**
     * Clause ends in plain text: after {@code , ; :}, dashes and their CJK forms, and after any
     * spaces that follow them.
     */
    public static List<Integer> clauseEndsInText(String text) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (isClausePunctuation(text.charAt(i))) {
                int end = i + 1;
                while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                if (end < text.length()) {
                    ends.add(end);
                }
            }
        }
        return ends;
    }

    private static boolean isClausePunctuation(char c) {
        return switch (c) {
            case ',', ';', ':', '—', '–', '，', '；', '：', '、' -> true;
            default -> false;
        };
    }
}
