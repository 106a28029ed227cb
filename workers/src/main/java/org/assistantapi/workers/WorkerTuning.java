package org.assistantapi.workers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.engines.piper.PiperSettings;
import org.assistantapi.text.CodeReading;
import org.assistantapi.text.EmojiReading;
import org.assistantapi.text.TextSettings;
import org.assistantapi.workers.protocol.WorkerOptions;

/**
 * Turns the tuning keys core passes on (named as in the YAML configuration, where they were
 * already checked) into the engines', encoders' and text front-end's settings; unset keys keep
 * their defaults.
 */
final class WorkerTuning {

    private WorkerTuning() {
    }

    static PiperSettings piper(WorkerOptions options) {
        return new PiperSettings(options.voiceDirs(),
                Duration.ofMillis(options.tuning("piper.sentence_silence_ms", (int) PiperSettings.DEFAULT_SENTENCE_SILENCE.toMillis())),
                options.tuning("piper.intra_op_threads", PiperSettings.DEFAULT_INTRA_OP_THREADS),
                Duration.ofMillis(options.tuning("piper.first_window_ms", (int) PiperSettings.DEFAULT_FIRST_WINDOW.toMillis())),
                Duration.ofMillis(options.tuning("piper.window_ms", (int) PiperSettings.DEFAULT_WINDOW.toMillis())),
                Duration.ofMillis(options.tuning("scheduling.piece_budget_ms", (int) PiperSettings.DEFAULT_PIECE_BUDGET.toMillis())),
                Duration.ofMillis(options.tuning("scheduling.first_piece_budget_ms",
                        (int) PiperSettings.DEFAULT_FIRST_PIECE_BUDGET.toMillis())),
                PiperSettings.DEFAULT_GRAPH_OPTIMIZATION);
    }

    /** {@code scheduling.order} arrives as its configuration word, {@code deadline} or {@code round_robin} (core checked it). */
    static Scheduling scheduling(WorkerOptions options) {
        return new Scheduling(TurnOrder.valueOf(options.setting("scheduling.order", Scheduling.DEFAULT_ORDER.name())
                        .toUpperCase(Locale.ROOT)),
                options.tuning("scheduling.max_ahead_ms", Scheduling.DEFAULT_MAX_AHEAD_MS) * 1_000L,
                Duration.ofMillis(options.tuning("scheduling.shared_turn_ms", Scheduling.DEFAULT_SHARED_TURN_MS)),
                Duration.ofMillis(options.tuning("scheduling.preempt_margin_ms", Scheduling.DEFAULT_PREEMPT_MARGIN_MS)));
    }

    /** The text front-end's settings; the lexicon is read from its directory if that exists. */
    static TextSettings text(WorkerOptions options) {
        String lexiconDir = options.setting("text.lexicon_dir", null);
        return new TextSettings(
                CodeReading.valueOf(options.setting("text.code_blocks", TextSettings.DEFAULT.code().name()).toUpperCase(Locale.ROOT)),
                EmojiReading.valueOf(options.setting("text.emoji", TextSettings.DEFAULT.emoji().name()).toUpperCase(Locale.ROOT)),
                lexiconDir == null ? null : Path.of(lexiconDir));
    }

    /** The most audio one segment (a request, a session's flush) may become; the rest is not spoken. */
    static Duration maxSegmentAudio(WorkerOptions options) {
        return Duration.ofSeconds(options.tuning(WorkerOptions.MAX_AUDIO_SECONDS, WorkerOptions.DEFAULT_MAX_AUDIO_SECONDS));
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
