package org.assistantapi.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TextWordsTest {

    @Test
    void punctuationAroundAWordIsNotPartOfIt() {
        assertEquals("Hello", TextWords.withoutPunctuation("Hello,"));
        assertEquals("yes", TextWords.withoutPunctuation("“yes”"));
        assertEquals("I'm", TextWords.withoutPunctuation("(I'm)"));
        assertEquals("", TextWords.withoutPunctuation("—"));
    }

    @Test
    void wordsAreSeparatedByWhitespaceAndPunctuationAloneIsNoWord() {
        assertEquals(List.of("Well", "it's", "done"), TextWords.of("  Well — it's\tdone!\n"));
        assertEquals(List.of(), TextWords.of(" … "));
        assertEquals(List.of(), TextWords.of(""));
    }
}
