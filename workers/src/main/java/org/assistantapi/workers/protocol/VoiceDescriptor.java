package org.assistantapi.workers.protocol;

import java.util.Map;

/**
 * A voice as a worker reports it to core: what clients may ask for and how it sounds.
 * {@code revision} identifies the voice's files (empty for built-in voices): equal descriptors from
 * two workers mean both speak the same files.
 */
public record VoiceDescriptor(String id, String engine, String language, int sampleRate,
                              int speakerCount, Map<String, Integer> speakers, String revision) {

    public VoiceDescriptor {
        speakers = Map.copyOf(speakers);
    }
}
