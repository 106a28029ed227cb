package org.assistantapi.engines.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.WordTiming;
import org.junit.jupiter.api.Test;

/** Word timings from espeak-ng's own events, through the real library. */
class SpokenWordsTest {

    /** What a sink saw: its samples and its words, with how many samples had arrived at each word. */
    private static final class Recorder implements PcmSink {
        final List<WordTiming> words = new ArrayList<>();
        long samples;

        @Override
        public boolean accept(short[] pcm, int offset, int length) {
            samples += length;
            return true;
        }

        @Override
        public void word(WordTiming word) {
            assertTrue(word.endSample() <= samples, "a word is reported after the samples that end it: " + word);
            words.add(word);
        }
    }

    @Test
    void reportsTheTextsWordsInOrderWithinTheAudio() throws Exception {
        Recorder sink = new Recorder();
        EspeakLibrary.instance().synthesize("en-us", "Hello, wonderful world. “Café” costs 1,000 coins — ok?", 175, sink);
        assertEquals(List.of("Hello", "wonderful", "world", "Café", "costs", "1,000", "coins", "ok"),
                sink.words.stream().map(WordTiming::text).toList());
        long previousEnd = 0;
        for (WordTiming word : sink.words) {
            assertTrue(word.startSample() >= previousEnd, "monotonic: " + sink.words);
            assertTrue(word.endSample() > word.startSample(), "not empty: " + word);
            previousEnd = word.endSample();
        }
        assertTrue(previousEnd <= sink.samples);
    }

    @Test
    void wordsEspeakJoinsShareTheirSpan() throws Exception {
        Recorder sink = new Recorder();
        EspeakLibrary.instance().synthesize("en-us", "Turning on the lights.", 175, sink);
        assertEquals(List.of("Turning", "on", "the", "lights"), sink.words.stream().map(WordTiming::text).toList());
        assertEquals(sink.words.get(1).endSample(), sink.words.get(2).startSample());
        assertTrue(sink.words.get(2).endSample() - sink.words.get(2).startSample()
                > sink.words.get(1).endSample() - sink.words.get(1).startSample(), "by letters: " + sink.words);
    }

    @Test
    void fasterSpeechHasEarlierWords() throws Exception {
        Recorder normal = new Recorder();
        Recorder fast = new Recorder();
        EspeakLibrary.instance().synthesize("en-us", "One two three four five.", 175, normal);
        EspeakLibrary.instance().synthesize("en-us", "One two three four five.", 350, fast);
        assertEquals(5, fast.words.size());
        assertTrue(fast.words.get(4).startSample() < normal.words.get(4).startSample());
    }
}
