package org.assistantapi.api.wyoming;

/**
 * Finds where sentences end in text that arrives in pieces, with the engines' rule (espeak-ng's
 * clause terminators {@code . ? !} and {@code 。？！}, followed by whitespace; see
 * {@code engines.espeak.Sentences.endsSentence}). A terminator at the end of a piece is decided by
 * the next piece, since "3." may go on as "3.14".
 */
final class SentenceSplitter {

    private boolean afterTerminator;

    /** How much of {@code piece} completes sentences: everything up to the last sentence end's whitespace, or 0. */
    int completeLength(String piece) {
        int complete = 0;
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (afterTerminator && Character.isWhitespace(c)) {
                complete = i + 1;
            }
            afterTerminator = endsSentence(c);
        }
        return complete;
    }

    private static boolean endsSentence(char c) {
        return switch (c) {
            case '.', '?', '!', '。', '？', '！' -> true;
            default -> false;
        };
    }
}
