package org.assistantapi.encoders;

import java.io.OutputStream;

/** Creates the encoder for an output format. */
public final class Encoders {

    private Encoders() {
    }

    /** {@link #open(AudioFormat, int, int, EncoderSettings, OutputStream)} with {@link EncoderSettings#defaults()}. */
    public static AudioEncoder open(AudioFormat format, int inputRate, int outputRate, OutputStream out) {
        return open(format, inputRate, outputRate, EncoderSettings.defaults(), out);
    }

    /**
     * Opens an encoder that takes 16-bit mono PCM at {@code inputRate} and writes {@code format} at
     * {@code outputRate} to {@code out}, resampling first when the rates differ.
     *
     * @throws IllegalArgumentException when the format cannot be produced at {@code outputRate}, or
     *                                  {@code inputRate} is not positive
     * @throws IllegalStateException    when the format's encoder is not {@link #isAvailable available}
     */
    public static AudioEncoder open(AudioFormat format, int inputRate, int outputRate, EncoderSettings settings,
                                    OutputStream out) {
        return open(format, inputRate, outputRate, settings, out, false);
    }

    /**
     * Opens an encoder as above; with {@code continuation} its output continues a stream of the same
     * format and rate that another encoder began (whose worker died): wav and flac then write no
     * header (flac frame numbers start again at 0), Ogg Opus starts a new chained logical stream as
     * RFC 7845 allows, and mp3, aac and pcm, which have no stream header, simply go on.
     */
    public static AudioEncoder open(AudioFormat format, int inputRate, int outputRate, EncoderSettings settings,
                                    OutputStream out, boolean continuation) {
        if (!format.supportsRate(outputRate)) {
            throw new IllegalArgumentException(format.id() + " is produced at " + format.describeRates()
                    + ", not " + outputRate + " Hz");
        }
        if (inputRate <= 0) {
            throw new IllegalArgumentException("input rate must be positive, not " + inputRate);
        }
        if (!isAvailable(format)) {
            throw new IllegalStateException(format.id() + " needs ffmpeg, which is not installed");
        }
        AudioEncoder encoder = switch (format) {
            case PCM -> new PcmEncoder(out);
            case WAV -> continuation ? new PcmEncoder(out) : new WavEncoder(out, outputRate);
            case FLAC -> new FlacEncoder(outputRate, out, !continuation);
            case MP3 -> new Mp3Encoder(outputRate, settings.mp3BitrateKbps(), settings.mp3Quality(), out);
            case OPUS -> new OpusEncoderStream(outputRate, settings.opusBitrateKbps(), settings.opusComplexity(),
                    settings.opusPageIntervalMs(), out);
            case AAC -> new FfmpegAacEncoder(outputRate, settings.aacBitrateKbps(), out);
        };
        return inputRate == outputRate ? encoder
                : new ResamplingEncoder(new PolyphaseResampler(inputRate, outputRate), encoder);
    }

    /** Whether this machine can produce {@code format}: aac needs an ffmpeg with its AAC encoder on the PATH. */
    public static boolean isAvailable(AudioFormat format) {
        return format != AudioFormat.AAC || FfmpegAacEncoder.isAvailable();
    }
}
