package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PhonemeWordsTest {

    /** A clause's text, its sentence's phonemes and where the clause's start in them, and the words expected. */
    static Stream<Arguments> clauses() {
        return Stream.of(
                Arguments.of("one run per word pairs them up without their punctuation",
                        "Hello, world.", "həlˈoʊ, wˈɜːld.", 0,
                        List.of(new WordPhonemes("Hello", 0, 6), new WordPhonemes("world", 8, 14))),
                Arguments.of("offsets count from the sentence, and only the clause's part is read",
                        "the lights.", "jˈɛs, ðə lˈaɪts.", 6,
                        List.of(new WordPhonemes("the", 6, 8), new WordPhonemes("lights", 9, 15))),
                Arguments.of("words espeak-ng joined share their run by letters; the long word keeps its own",
                        "of the house", "ʌvðə hˈaʊs", 0,
                        List.of(new WordPhonemes("of", 0, 1), new WordPhonemes("the", 1, 4), new WordPhonemes("house", 5, 10))),
                Arguments.of("a word spoken as several runs spans them all",
                        "1,000 people", "wˈʌn θˈaʊzənd pˈiːpəl", 0,
                        List.of(new WordPhonemes("1,000", 0, 13), new WordPhonemes("people", 14, 21))),
                Arguments.of("a short word sharing a run still gets a phoneme",
                        "a wonderfully", "ɐbˈɪɡ", 0,
                        List.of(new WordPhonemes("a", 0, 1), new WordPhonemes("wonderfully", 1, 5))),
                Arguments.of("no words give no words", "…", "", 0, List.of()),
                Arguments.of("no phonemes but punctuation give no words", "Hello", ", ", 0, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clauses")
    void alignsAClausesWordsWithItsPhonemes(String why, String text, String phonemes, int from, List<WordPhonemes> expected) {
        assertEquals(expected, PhonemeWords.align(text, phonemes, from, phonemes.length()));
    }
}
