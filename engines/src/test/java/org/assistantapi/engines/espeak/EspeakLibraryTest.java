package org.assistantapi.engines.espeak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.assistantapi.engines.EngineException;

import org.junit.jupiter.api.Test;

class EspeakLibraryTest {

    @Test
    void phonemizesClauseByClauseWithTheirPunctuation() throws Exception {
        List<EspeakLibrary.Clause> clauses = EspeakLibrary.instance()
                .phonemize("en-us", "Hello, world! How are you today? I'm fine.");
        assertEquals(List.of((int) ',', (int) '!', (int) '?', (int) '.'),
                clauses.stream().map(EspeakLibrary.Clause::terminator).toList());
        assertEquals("həlˈoʊ", clauses.get(0).phonemes());
        assertEquals("wˈɜːld", clauses.get(1).phonemes());
    }

    @Test
    void clauseOffsetsSurviveMultiByteText() throws Exception {
        String text = "Grüße aus Köln! Schöne Grüße.";
        List<String> sentences = Sentences.split(EspeakLibrary.instance(), "de", text);
        assertEquals(List.of("Grüße aus Köln!", "Schöne Grüße."), sentences);
    }

    @Test
    void splitsSentencesWhereEspeakEndsThem() throws Exception {
        List<String> sentences = Sentences.split(EspeakLibrary.instance(), "en-us",
                "Hello, world! How are you today? I'm fine");
        assertEquals(List.of("Hello, world!", "How are you today?", "I'm fine"), sentences);
    }

    @Test
    void synthesizesAudibleSpeechInChunks() throws Exception {
        EspeakLibrary espeak = EspeakLibrary.instance();
        assertEquals(22050, espeak.sampleRate());
        int[] chunks = {0};
        long[] samples = {0};
        int[] peak = {0};
        boolean complete = espeak.synthesize("en-us", "The lights are on.", 175, (pcm, off, len) -> {
            chunks[0]++;
            samples[0] += len;
            for (int i = off; i < off + len; i++) {
                peak[0] = Math.max(peak[0], Math.abs(pcm[i]));
            }
            return true;
        });
        assertTrue(complete);
        assertTrue(chunks[0] > 5, "audio arrives in chunks: " + chunks[0]);
        double seconds = samples[0] / 22050.0;
        assertTrue(seconds > 0.6 && seconds < 3.0, "duration " + seconds);
        assertTrue(peak[0] > 3000, "not silence: peak " + peak[0]);
    }

    @Test
    void aSinkThatSaysStopAbortsTheSentence() throws Exception {
        long[] samples = {0};
        boolean complete = EspeakLibrary.instance().synthesize("en-us",
                "This is a rather long sentence that would take several seconds to say out loud.", 175,
                (pcm, off, len) -> {
                    samples[0] += len;
                    return false;
                });
        assertFalse(complete);
        assertTrue(samples[0] < 5000, "stopped after the first chunk: " + samples[0]);
    }

    /** espeak-ng finds voices by file name; en-gb (the file gmw/en) and fr-fr (roa/fr) are listed by language. */
    @Test
    void everyListedLanguageCanBeSpoken() throws Exception {
        EspeakLibrary espeak = EspeakLibrary.instance();
        List<String> failed = new ArrayList<>();
        for (EspeakLibrary.InstalledVoice voice : espeak.installedVoices()) {
            long[] samples = {0};
            try {
                espeak.synthesize(voice.language(), "1 2 3", 175, (pcm, offset, length) -> {
                    samples[0] += length;
                    return true;
                });
            } catch (EngineException e) {
                failed.add(voice.language() + ": " + e.getMessage());
                continue;
            }
            if (samples[0] == 0) {
                failed.add(voice.language() + ": no audio");
            }
        }
        assertEquals(List.of(), failed);
    }

    @Test
    void listsInstalledVoicesByLanguage() throws Exception {
        List<EspeakLibrary.InstalledVoice> voices = EspeakLibrary.instance().installedVoices();
        assertTrue(voices.stream().anyMatch(v -> v.language().equals("en-us")), voices.toString());
        assertTrue(voices.size() > 50);
    }
}
