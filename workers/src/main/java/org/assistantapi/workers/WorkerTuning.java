package org.assistantapi.workers;

import java.time.Duration;

import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.engines.piper.PiperSettings;
import org.assistantapi.workers.protocol.WorkerOptions;

/**
 * Turns the tuning keys core passes on (named as in the YAML configuration, where they were
 * already range-checked) into the engines' and encoders' settings; unset keys keep their defaults.
 */
final class WorkerTuning {

    private WorkerTuning() {
    }

    static PiperSettings piper(WorkerOptions options) {
        return new PiperSettings(options.voiceDirs(),
                Duration.ofMillis(options.tuning("piper.sentence_silence_ms", (int) PiperSettings.DEFAULT_SENTENCE_SILENCE.toMillis())),
                options.tuning("piper.intra_op_threads", PiperSettings.DEFAULT_INTRA_OP_THREADS),
                Duration.ofMillis(options.tuning("piper.first_window_ms", (int) PiperSettings.DEFAULT_FIRST_WINDOW.toMillis())),
                Duration.ofMillis(options.tuning("piper.window_ms", (int) PiperSettings.DEFAULT_WINDOW.toMillis())));
    }

    static EncoderSettings encoders(WorkerOptions options) {
        EncoderSettings defaults = EncoderSettings.defaults();
        return new EncoderSettings(
                options.tuning("encoders.mp3_bitrate_kbps", defaults.mp3BitrateKbps()),
                options.tuning("encoders.mp3_quality", defaults.mp3Quality()),
                options.tuning("encoders.opus_bitrate_kbps", defaults.opusBitrateKbps()),
                options.tuning("encoders.opus_complexity", defaults.opusComplexity()),
                options.tuning("encoders.opus_page_interval_ms", defaults.opusPageIntervalMs()),
                options.tuning("encoders.aac_bitrate_kbps", defaults.aacBitrateKbps()));
    }
}
