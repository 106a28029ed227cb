package org.assistantapi.encoders;

/**
 * The encoders' tunable knobs, one per configuration key.
 *
 * @param mp3BitrateKbps     constant MP3 bit rate; LAME rounds it to the nearest rate its MPEG version
 *                           allows (8–160 kb/s below 32 kHz, 32–320 kb/s from 32 kHz)
 * @param mp3Quality         LAME's algorithm quality, 0 (best, slowest) to 9 (fastest)
 * @param opusBitrateKbps    Opus target bit rate (variable)
 * @param opusComplexity     Opus encoder complexity, 0 (fastest) to 10 (best)
 * @param opusPageIntervalMs the most audio an Ogg page holds before it is written and flushed, so players
 *                           start quickly
 * @param aacBitrateKbps     AAC bit rate given to ffmpeg
 */
public record EncoderSettings(
        int mp3BitrateKbps,
        int mp3Quality,
        int opusBitrateKbps,
        int opusComplexity,
        int opusPageIntervalMs,
        int aacBitrateKbps) {

    public EncoderSettings {
        requireIn("mp3BitrateKbps", mp3BitrateKbps, 8, 320);
        requireIn("mp3Quality", mp3Quality, 0, 9);
        requireIn("opusBitrateKbps", opusBitrateKbps, 6, 510);
        requireIn("opusComplexity", opusComplexity, 0, 10);
        requireIn("opusPageIntervalMs", opusPageIntervalMs, 20, 1000);
        requireIn("aacBitrateKbps", aacBitrateKbps, 8, 320);
    }

    /**
     * 64 kb/s MP3 at LAME quality 7, 32 kb/s Opus at complexity 0 paged every 100 ms, 64 kb/s AAC. The
     * quality and complexity keep each encoder's cost near a tenth of a Piper medium voice's synthesis
     * (docs/developer/encoders.md, "Cost beside synthesis").
     */
    public static EncoderSettings defaults() {
        return new EncoderSettings(64, 7, 32, 0, 100, 64);
    }

    private static void requireIn(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
        }
    }
}
