package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which voice speaks a request, from what it names and what the workers have. */
class VoiceChoiceTest {

    private static final AvailableVoice ESPEAK = new AvailableVoice("espeak:en-us", "espeak", "en-us", 22050, 1, Map.of());
    private static final AvailableVoice GERMAN = new AvailableVoice("de_DE-thorsten-medium", "piper", "de-de", 22050, 1, Map.of());
    private static final AvailableVoice MULTI = new AvailableVoice("en_US-libritts-high", "piper", "en-us", 22050, 4,
            Map.of("p123", 0));

    @Test
    void aVoiceOfOursIsTakenAsItIs() {
        VoiceChoice choice = VoiceChoice.automatic();
        assertEquals(Optional.of("espeak:en-us"), choice.resolve("tts-1", "espeak:en-us", List.of(ESPEAK)));
        assertEquals(Optional.of("en_US-libritts-high:p123"), choice.resolve(null, "en_US-libritts-high:p123", List.of(MULTI)));
    }

    @Test
    void theDefaultIsAnEnglishPiperVoiceElseAnyPiperVoiceElseEspeak() {
        VoiceChoice choice = VoiceChoice.automatic();
        assertEquals("espeak:en-us", choice.defaultVoice(List.of(ESPEAK)));
        assertEquals("de_DE-thorsten-medium", choice.defaultVoice(List.of(ESPEAK, GERMAN)));
        assertEquals("en_US-libritts-high", choice.defaultVoice(List.of(ESPEAK, GERMAN, MULTI)));
        assertEquals("espeak:en-us", new VoiceChoice("espeak:en-us", Map.of(), Map.of()).defaultVoice(List.of(MULTI)));
    }

    @Test
    void openAiNamesGetTheirOwnSpeakerOfAMultiSpeakerDefault() {
        VoiceChoice choice = VoiceChoice.automatic();
        List<AvailableVoice> voices = List.of(ESPEAK, MULTI);
        assertEquals(Optional.of("en_US-libritts-high:0"), choice.resolve(null, "alloy", voices));
        assertEquals(Optional.of("en_US-libritts-high:1"), choice.resolve(null, "ash", voices));
        assertEquals(Optional.of("en_US-libritts-high:0"), choice.resolve(null, "echo", voices), "wraps around");
        assertEquals(Optional.of("en_US-libritts-high"), choice.resolve(null, null, voices), "no voice: the default");
    }

    @Test
    void configuredNamesAndModelsComeFirst() {
        VoiceChoice choice = new VoiceChoice(null, Map.of("nova", "espeak:en-us"), Map.of("tts-1-hd", "en_US-libritts-high:p123"));
        List<AvailableVoice> voices = List.of(ESPEAK, MULTI);
        assertEquals(Optional.of("espeak:en-us"), choice.resolve("tts-1-hd", "nova", voices), "the voice mapping wins");
        assertEquals(Optional.of("en_US-libritts-high:p123"), choice.resolve("tts-1-hd", "alloy", voices));
        assertEquals(Optional.of("en_US-libritts-high:p123"), choice.resolve("tts-1-hd", null, voices));
    }

    @Test
    void anUnknownVoiceIsNotGuessed() {
        assertEquals(Optional.empty(), VoiceChoice.automatic().resolve("tts-1", "nobody", List.of(ESPEAK)));
    }
}
