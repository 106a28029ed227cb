package org.assistantapi.workers.protocol;

import java.util.Map;

/** A voice as a worker reports it to core: what clients may ask for and how it sounds. */
public record VoiceDescriptor(String id, String engine, String language, int sampleRate,
                              int speakerCount, Map<String, Integer> speakers) {

    public VoiceDescriptor {
        speakers = Map.copyOf(speakers);
    }
}
