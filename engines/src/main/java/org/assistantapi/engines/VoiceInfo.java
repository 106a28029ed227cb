package org.assistantapi.engines;

import java.util.Map;

/**
 * What a voice is, as listed to clients.
 *
 * @param id           the voice id clients send, e.g. {@code espeak:en-us} or {@code en_US-lessac-medium}
 * @param engine       the engine family that speaks it
 * @param language     its language code, e.g. {@code en-us}
 * @param sampleRate   the rate of the PCM it produces, in Hz
 * @param speakerCount how many speakers it has (1 for single-speaker voices)
 * @param speakers     speaker names and their numbers (may be empty even when speakerCount > 1)
 */
public record VoiceInfo(String id, String engine, String language, int sampleRate,
                        int speakerCount, Map<String, Integer> speakers) {

    public VoiceInfo {
        speakers = Map.copyOf(speakers);
    }

    /**
     * Resolves a speaker name or number to its number.
     *
     * @return the speaker number, or -1 when the voice has no such speaker
     */
    public int speakerNumber(String speaker) {
        if (speaker == null || speaker.isEmpty()) {
            return 0;
        }
        Integer named = speakers.get(speaker);
        if (named != null) {
            return named;
        }
        try {
            int number = Integer.parseInt(speaker);
            return number >= 0 && number < speakerCount ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
