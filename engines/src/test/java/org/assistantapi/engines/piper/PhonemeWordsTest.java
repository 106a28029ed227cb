package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class PhonemeWordsTest {

    @Test
    void oneRunPerWordPairsThemUpWithoutTheirPunctuation() {
        String phonemes = "həlˈoʊ, wˈɜːld.";
        assertEquals(List.of(new WordPhonemes("Hello", 0, 6), new WordPhonemes("world", 8, 14)),
                PhonemeWords.align("Hello, world.", phonemes, 0, phonemes.length()));
    }

    @Test
    void offsetsCountFromTheSentenceAndOnlyTheClausePartIsRead() {
        String phonemes = "jˈɛs, ðə lˈaɪts.";
        assertEquals(List.of(new WordPhonemes("the", 6, 8), new WordPhonemes("lights", 9, 15)),
                PhonemeWords.align("the lights.", phonemes, 6, phonemes.length()));
    }

    @Test
    void wordsEspeakJoinedShareTheirRunByLetters() {
        // "of the" spoken as one run: the long word keeps its own run.
        String phonemes = "ʌvðə hˈaʊs";
        assertEquals(List.of(new WordPhonemes("of", 0, 1), new WordPhonemes("the", 1, 4), new WordPhonemes("house", 5, 10)),
                PhonemeWords.align("of the house", phonemes, 0, phonemes.length()));
    }

    @Test
    void aWordSpokenAsSeveralRunsSpansThemAll() {
        String phonemes = "wˈʌn θˈaʊzənd pˈiːpəl";
        assertEquals(List.of(new WordPhonemes("1,000", 0, 13), new WordPhonemes("people", 14, 21)),
                PhonemeWords.align("1,000 people", phonemes, 0, phonemes.length()));
    }

    @Test
    void aShortWordSharingARunStillGetsAPhoneme() {
        String phonemes = "ɐbˈɪɡ";
        assertEquals(List.of(new WordPhonemes("a", 0, 1), new WordPhonemes("wonderfully", 1, 5)),
                PhonemeWords.align("a wonderfully", phonemes, 0, phonemes.length()));
    }

    @Test
    void noWordsOrNoPhonemesGiveNoWords() {
        assertEquals(List.of(), PhonemeWords.align("…", "", 0, 0));
        assertEquals(List.of(), PhonemeWords.align("Hello", ", ", 0, 2));
    }
}
