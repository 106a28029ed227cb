package org.assistantapi.encoders;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The output formats, named and typed as OpenAI's {@code response_format}, with the rates each can carry. */
public enum AudioFormat {
    MP3("audio/mpeg", Rates.MPEG),
    OPUS("audio/opus", Rates.OPUS),
    AAC("audio/aac", Rates.MPEG),
    FLAC("audio/flac", List.of()),
    WAV("audio/wav", List.of()),
    PCM("audio/pcm", List.of());

    /** The lowest output rate any format is produced at. */
    public static final int MIN_RATE = 8000;
    /** The highest output rate any format is produced at. */
    public static final int MAX_RATE = 48000;
    /** OpenAI's {@code pcm} is 24 kHz and clients play it without being told the rate. */
    private static final int PCM_RATE = 24000;
    /** Opus decoders produce 48 kHz whatever was encoded; encoding at it keeps the full band. */
    private static final int OPUS_RATE = 48000;

    private final String contentType;
    /** The discrete rates the format allows, or empty when any rate from MIN_RATE to MAX_RATE works. */
    private final List<Integer> rates;

    AudioFormat(String contentType, List<Integer> rates) {
        this.contentType = contentType;
        this.rates = rates;
    }

    /** The name clients use, e.g. {@code mp3}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentType() {
        return contentType;
    }

    /** Whether this format can be produced at {@code rate} Hz. */
    public boolean supportsRate(int rate) {
        return rates.isEmpty() ? rate >= MIN_RATE && rate <= MAX_RATE : rates.contains(rate);
    }

    /**
     * The discrete rates this format allows, ascending; empty when any rate from {@link #MIN_RATE} to
     * {@link #MAX_RATE} is allowed.
     */
    public List<Integer> supportedRates() {
        return rates;
    }

    /** A sentence fragment for clients, e.g. {@code "8000, 12000, 16000, 24000 or 48000 Hz"}. */
    public String describeRates() {
        if (rates.isEmpty()) {
            return "any rate from " + MIN_RATE + " to " + MAX_RATE + " Hz";
        }
        String all = rates.stream().map(String::valueOf).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2) + " Hz";
    }

    /**
     * The output rate when the client asks for none: 24 kHz for pcm, 48 kHz for opus, otherwise the
     * source rate when the format carries it, else the nearest rate it does (the higher on a tie).
     */
    public int defaultRate(int sourceRate) {
        return switch (this) {
            case PCM -> PCM_RATE;
            case OPUS -> OPUS_RATE;
            default -> supportsRate(sourceRate) ? sourceRate : nearestRate(sourceRate);
        };
    }

    private int nearestRate(int rate) {
        if (rates.isEmpty()) {
            return Math.clamp(rate, MIN_RATE, MAX_RATE);
        }
        return rates.stream()
                .min(Comparator.<Integer>comparingInt(r -> Math.abs(r - rate)).thenComparing(Comparator.reverseOrder()))
                .orElseThrow();
    }

    public static Optional<AudioFormat> byId(String id) {
        for (AudioFormat format : values()) {
            if (format.id().equals(id)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Rate tables; a holder because enum constants cannot refer to the enum's own static fields. */
    private static final class Rates {
        /** MPEG-1, -2 and -2.5 layer III rates; ffmpeg's AAC encoder takes the same ones in this range. */
        static final List<Integer> MPEG = List.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000);
        static final List<Integer> OPUS = List.of(8000, 12000, 16000, 24000, 48000);
    }
}
