package org.assistantapi.encoders;

import java.io.OutputStream;

/** Creates the encoder for an output format. */
public final class Encoders {

    private Encoders() {
    }

    /**
     * Opens an encoder that takes PCM at {@code inputRate} and writes {@code format} at {@code outputRate}.
     *
     * @throws IllegalArgumentException when the format cannot be produced at that rate
     */
    public static AudioEncoder open(AudioFormat format, int inputRate, int outputRate, OutputStream out) {
        if (inputRate != outputRate) {
            throw new IllegalArgumentException(format.id() + " at " + outputRate + " Hz from " + inputRate
                    + " Hz needs resampling, which is not available yet");
        }
        return switch (format) {
            case PCM -> new PcmEncoder(out);
            case WAV -> new WavEncoder(out, outputRate);
            default -> throw new IllegalArgumentException(format.id() + " is not available yet");
        };
    }
}
