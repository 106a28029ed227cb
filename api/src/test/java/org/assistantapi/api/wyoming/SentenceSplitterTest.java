package org.assistantapi.api.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    @Test
    void aSentenceEndsAtATerminatorFollowedByWhitespace() {
        SentenceSplitter splitter = new SentenceSplitter();
        assertEquals("One. Two? ".length(), splitter.completeLength("One. Two? Thr"));
        assertEquals(0, splitter.completeLength("ee, four"));
        assertEquals("! ".length(), splitter.completeLength("! Five"));
    }

    @Test
    void aTerminatorAtTheEndOfAPieceIsDecidedByTheNext() {
        SentenceSplitter splitter = new SentenceSplitter();
        assertEquals(0, splitter.completeLength("Pi is 3."));
        assertEquals(0, splitter.completeLength("14 or so."));
        assertEquals(1, splitter.completeLength(" Next"));
        assertEquals("好。 ".length(), new SentenceSplitter().completeLength("好。 下"));
    }
}
