package org.assistantapi.core;

import java.util.Map;

/** A voice that the workers can speak, as clients see it in listings. */
public record AvailableVoice(String id, String engine, String language, int sampleRate,
                             int speakerCount, Map<String, Integer> speakers) {

    public AvailableVoice {
        speakers = Map.copyOf(speakers);
    }
}
