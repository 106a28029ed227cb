package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.engines.piper.PiperSettings;
import org.assistantapi.text.TextSettings;
import org.assistantapi.workers.protocol.WorkerOptions;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/user/configuration.md) gives each worker setting's default as
 * a worker applies it when the key is not set: the server does not know these defaults (it never
 * loads the engines, encoders or text front-end that have them), so only this test ties the two.
 */
class ConfigurationDefaultsTest {

    /** Surefire runs with the module directory (workers/) as working directory. */
    private static final Path REFERENCE = Path.of("..", "docs", "user", "configuration.md");

    /** A reference table row: a key in backticks, then its default in backticks. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9_.]+)`\\s*\\|\\s*`([^`|]*)`\\s*\\|");

    /** Each worker setting's default, read from what {@link WorkerTuning} makes of options that set nothing. */
    private static final Map<String, Function<WorkerOptions, Object>> DEFAULTS = defaults();

    @Test
    void theReferenceGivesTheWorkersDefaults() throws IOException {
        WorkerOptions nothingSet = new WorkerOptions("w", List.of(), 1, List.of(), Map.of());
        Map<String, String> documented = documentedDefaults();
        Map<String, String> applied = new TreeMap<>();
        Map<String, String> written = new TreeMap<>();
        DEFAULTS.forEach((key, setting) -> {
            applied.put(key, String.valueOf(setting.apply(nothingSet)));
            written.put(key, documented.get(key));
        });
        assertEquals(applied, written, "defaults in " + REFERENCE + " against the workers'");
    }

    private static Map<String, Function<WorkerOptions, Object>> defaults() {
        Map<String, Function<WorkerOptions, Object>> defaults = new HashMap<>();
        defaults.put(WorkerOptions.MAX_AUDIO_SECONDS, options -> WorkerTuning.maxSegmentAudio(options).toSeconds());
        piper(defaults, "piper.sentence_silence_ms", settings -> settings.sentenceSilence().toMillis());
        piper(defaults, "piper.intra_op_threads", PiperSettings::intraOpThreads);
        piper(defaults, "piper.first_window_ms", settings -> settings.firstWindow().toMillis());
        piper(defaults, "piper.window_ms", settings -> settings.window().toMillis());
        piper(defaults, "scheduling.piece_budget_ms", settings -> settings.pieceBudget().toMillis());
        piper(defaults, "scheduling.first_piece_budget_ms", settings -> settings.firstPieceBudget().toMillis());
        encoders(defaults, "encoders.mp3_bitrate_kbps", EncoderSettings::mp3BitrateKbps);
        encoders(defaults, "encoders.mp3_quality", EncoderSettings::mp3Quality);
        encoders(defaults, "encoders.opus_bitrate_kbps", EncoderSettings::opusBitrateKbps);
        encoders(defaults, "encoders.opus_complexity", EncoderSettings::opusComplexity);
        encoders(defaults, "encoders.opus_page_interval_ms", EncoderSettings::opusPageIntervalMs);
        encoders(defaults, "encoders.aac_bitrate_kbps", EncoderSettings::aacBitrateKbps);
        text(defaults, "text.code_blocks", TextSettings::code);
        text(defaults, "text.emoji", TextSettings::emoji);
        scheduling(defaults, "scheduling.order", scheduling -> word(scheduling.order()));
        scheduling(defaults, "scheduling.max_ahead_ms", scheduling -> scheduling.maxAheadMicros() / 1_000);
        scheduling(defaults, "scheduling.shared_turn_ms", scheduling -> scheduling.sharedTurn().toMillis());
        scheduling(defaults, "scheduling.preempt_margin_ms", scheduling -> scheduling.preemptMargin().toMillis());
        return Map.copyOf(defaults);
    }

    private static void piper(Map<String, Function<WorkerOptions, Object>> defaults, String key,
                              Function<PiperSettings, Object> setting) {
        defaults.put(key, options -> setting.apply(WorkerTuning.piper(options)));
    }

    private static void encoders(Map<String, Function<WorkerOptions, Object>> defaults, String key,
                                 Function<EncoderSettings, Object> setting) {
        defaults.put(key, options -> setting.apply(WorkerTuning.encoders(options)));
    }

    private static void text(Map<String, Function<WorkerOptions, Object>> defaults, String key,
                             Function<TextSettings, Enum<?>> setting) {
        defaults.put(key, options -> word(setting.apply(WorkerTuning.text(options))));
    }

    private static void scheduling(Map<String, Function<WorkerOptions, Object>> defaults, String key,
                                   Function<Scheduling, Object> setting) {
        defaults.put(key, options -> setting.apply(WorkerTuning.scheduling(options)));
    }

    /** An enum setting as the configuration writes it. */
    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> documentedDefaults() throws IOException {
        assertTrue(Files.isReadable(REFERENCE), "cannot read " + REFERENCE.toAbsolutePath());
        Map<String, String> defaults = new HashMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            Matcher row = ROW.matcher(line.strip());
            if (row.find()) {
                defaults.put(row.group(1), row.group(2));
            }
        }
        return defaults;
    }
}
