package org.assistantapi.engines.espeak;

import java.util.List;
import java.util.Map;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SpeechEngine;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceInfo;

/** espeak-ng's own synthesizer: every installed espeak-ng language, as {@code espeak:<language>}. */
public final class EspeakEngine implements SpeechEngine {

    public static final String NAME = "espeak";
    private static final String PREFIX = NAME + ":";

    private final EspeakLibrary library;
    private final List<VoiceInfo> voices;

    public EspeakEngine() throws EngineException {
        library = EspeakLibrary.instance();
        voices = library.installedVoices().stream()
                .map(v -> new VoiceInfo(PREFIX + v.language(), NAME, v.language(), library.sampleRate(), 1, Map.of()))
                .distinct()
                .toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VoiceInfo> voices() {
        return voices;
    }

    @Override
    public Voice load(String voiceId) throws EngineException {
        for (VoiceInfo info : voices) {
            if (info.id().equalsIgnoreCase(voiceId)) {
                return new EspeakVoice(library, info);
            }
        }
        throw new EngineException(EngineException.VOICE_NOT_FOUND, "no espeak-ng voice " + voiceId);
    }

    @Override
    public void close() {
        // libespeak-ng stays loaded for the life of the process.
    }
}
