package org.assistantapi.engines;

/**
 * How to speak a text.
 *
 * @param speed   OpenAI's speed: 1.0 is the voice's own pace, 2.0 twice as fast (0.25 to 4.0)
 * @param speaker a speaker name or number for multi-speaker voices, or null for the default
 */
public record SynthesisOptions(double speed, String speaker) {

    public static final SynthesisOptions DEFAULT = new SynthesisOptions(1.0, null);

    public SynthesisOptions {
        if (!(speed >= 0.25 && speed <= 4.0)) {
            throw new IllegalArgumentException("speed must be between 0.25 and 4.0: " + speed);
        }
    }
}
