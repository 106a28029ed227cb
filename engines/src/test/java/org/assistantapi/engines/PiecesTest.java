package org.assistantapi.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PiecesTest {

    private static final Pieces LIMITS = new Pieces(20, 40, 80);

    @Test
    void aSentenceThatFitsStaysWhole() {
        String sentence = "Lights on, now.";
        assertEquals(List.of(sentence), LIMITS.cut(sentence, Pieces.clauseEndsInText(sentence), true));
        assertEquals(List.of(sentence), Pieces.hardOnly(600).cut(sentence, List.of(), false));
    }

    @Test
    void laterPiecesEndAtTheLastClauseBoundaryThatFits() {
        String sentence = "The weather is mild today, with a breeze from the west; "
                + "clouds come later: bring a jacket if you go out.";
        List<String> pieces = new Pieces(80, 40, 80).cut(sentence, Pieces.clauseEndsInText(sentence), false);
        assertEquals(List.of("The weather is mild today,", "with a breeze from the west;", "clouds come later:",
                "bring a jacket if you go out."), pieces);
    }

    @Test
    void theFirstPieceIsCutAfterAWordWhenNoClauseEndsEarlyEnough() {
        String sentence = "Here is a first sentence of twenty words that has no comma at all and so it goes on for quite a while.";
        List<String> pieces = LIMITS.cut(sentence, Pieces.clauseEndsInText(sentence), true);
        assertTrue(pieces.getFirst().length() <= 20, pieces.toString());
        assertTrue(sentence.startsWith(pieces.getFirst() + " "), "cut after a word: " + pieces);
        assertEquals(sentence, String.join(" ", pieces));
    }

    @Test
    void aClauseLongerThanTheBudgetButWithinTheBoundStaysWhole() {
        String sentence = "This clause runs on for well over forty characters before its comma, then ends.";
        List<String> pieces = LIMITS.cut(sentence, Pieces.clauseEndsInText(sentence), false);
        assertEquals(List.of("This clause runs on for well over forty characters before its comma,", "then ends."), pieces);
    }

    @Test
    void textWithoutPunctuationIsCutAtWordsWithinTheHardBound() {
        String sentence = "word ".repeat(800).strip();
        List<String> pieces = LIMITS.cut(sentence, Pieces.clauseEndsInText(sentence), false);
        pieces.forEach(piece -> assertTrue(piece.length() <= 80 && piece.startsWith("word") && piece.endsWith("word"), piece));
        assertEquals(sentence, String.join(" ", pieces));
    }

    @Test
    void textWithoutSpacesIsCutBetweenCharactersNeverInsideOne() {
        String cjk = "这是一个没有标点的很长的句子".repeat(300);
        List<String> pieces = LIMITS.cut(cjk, Pieces.clauseEndsInText(cjk), true);
        pieces.forEach(piece -> assertTrue(piece.length() <= 80, piece));
        assertEquals(cjk, String.join("", pieces));

        String emoji = "😀".repeat(100); // surrogate pairs: a cut at an odd offset would split one
        List<String> emojiPieces = LIMITS.cut(emoji, List.of(), false);
        emojiPieces.forEach(piece -> assertEquals(0, piece.length() % 2, piece));
        assertEquals(emoji, String.join("", emojiPieces));

        String accents = "e\u0301".repeat(100); // a combining accent stays with its letter
        LIMITS.cut(accents, List.of(), false).forEach(piece -> assertTrue(piece.startsWith("e"), piece));
    }

    @Test
    void clauseEndsFollowCommasSemicolonsColonsDashesAndTheirCjkForms() {
        assertEquals(List.of(4, 7, 10, 14, 16, 18), Pieces.clauseEndsInText("ab, c; d: e — f，g；h"));
    }
}
