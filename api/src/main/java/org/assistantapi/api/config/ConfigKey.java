package org.assistantapi.api.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.assistantapi.core.WorkerSettings;

/**
 * Every configuration key the server reads, with, for integers, its range, and the server's own
 * defaults (the one place each is written; core takes its values from here). A setting handed to
 * every worker has no default here: the worker applies its own, written where the part that uses
 * it is (an engine's, an encoder's, the text front-end's or the scheduler's settings), and the
 * server never loads those parts. The configuration reference in docs/user is checked against
 * this list by a test, and its workers' defaults against the workers' by another (workers'
 * {@code ConfigurationDefaultsTest}).
 */
public enum ConfigKey {
    SERVER_HOST("server.host", "127.0.0.1"),
    SERVER_PORT("server.port", 8000, 0, 65535),
    SERVER_SHUTDOWN_GRACE_SECONDS("server.shutdown_grace_seconds", 10, 0, 3600),
    SERVER_IDLE_TIMEOUT_SECONDS("server.idle_timeout_seconds", 60, 1, 86_400),
    SERVER_READ_TIMEOUT_SECONDS("server.read_timeout_seconds", 20, 1, 3600),
    SERVER_INSTANCE_ID("server.instance_id", "the host name's first label"),
    WORKERS_COUNT("workers.count", "the number of CPU cores", 1, 256),
    WORKERS_JVM_OPTIONS("workers.jvm_options", WorkerSettings.DEFAULT_JVM_OPTIONS.toString()),
    WORKERS_MAX_LOADED_VOICES("workers.max_loaded_voices", 2, 1, 1000),
    WORKERS_HEARTBEAT_TIMEOUT_SECONDS("workers.heartbeat_timeout_seconds", 30, 1, 3600),
    WORKERS_JOB_START_TIMEOUT_SECONDS("workers.job_start_timeout_seconds", 60, 1, 3600),
    VOICES_DIRS("voices.dirs", "[/var/lib/assistant-api/voices, ~/.local/share/assistant-api/voices]"),
    VOICES_DEFAULT("voices.default", "an installed Piper voice (English first), else espeak:en-us"),
    VOICES_OPENAI("voices.openai", "{} (every OpenAI voice name speaks with the default voice)", Kind.MAP),
    MODELS("models", "{} (every model uses the default voice)", Kind.MAP),
    VOICES_PREWARM("voices.prewarm", "[]"),
    VOICES_CATALOG_URL("voices.catalog_url", "https://huggingface.co/rhasspy/piper-voices/resolve/main"),
    LOGGING_DIR("logging.dir", "/var/log/assistant-api"),
    LOGGING_LEVEL("logging.level", "INFO"),
    LOGGING_MAX_FILE_MB("logging.max_file_mb", 10, 1, 1024),
    LOGGING_FILES("logging.files", 5, 1, 100),
    LIMITS_MAX_INPUT_CHARS("limits.max_input_chars", 4096, 1, 1_000_000),
    LIMITS_MAX_BODY_BYTES("limits.max_body_bytes", 65536, 1024, 64 * 1024 * 1024),
    LIMITS_MAX_STREAMS("limits.max_streams", 256, 1, 100_000),
    LIMITS_MAX_STREAMS_PER_KEY("limits.max_streams_per_key", 64, 1, 100_000),
    AUTH_API_KEYS("auth.api_keys", "[] (no key: the server is open)"),
    AUTH_API_KEY_FILE("auth.api_key_file", "none"),
    AUTH_PROTECT_HEALTH("auth.protect_health", "false"),
    AUTH_PROTECT_METRICS("auth.protect_metrics", "true"),
    METRICS_ENABLED("metrics.enabled", "true"),
    STREAMS_BUFFER_FRAMES("streams.buffer_frames", 64, 2, 100_000),
    STREAMS_CLIENT_STALL_TIMEOUT_SECONDS("streams.client_stall_timeout_seconds", 30, 1, 3600),
    SESSIONS_MAX("sessions.max", 64, 1, 100_000),
    SESSIONS_MAX_PENDING_CHARS("sessions.max_pending_chars", 16384, 1, 10_000_000),
    SESSIONS_IDLE_TIMEOUT_SECONDS("sessions.idle_timeout_seconds", 60, 1, 86_400),
    SESSIONS_MAX_PER_KEY("sessions.max_per_key", 16, 1, 100_000),
    WYOMING_ENABLED("wyoming.enabled", "false"),
    WYOMING_HOST("wyoming.host", "127.0.0.1"),
    WYOMING_PORT("wyoming.port", 10200, 0, 65535),
    WYOMING_READ_TIMEOUT_SECONDS("wyoming.read_timeout_seconds", 120, 1, 86_400),
    WYOMING_ALLOWED_CLIENTS("wyoming.allowed_clients",
            "[127.0.0.0/8, ::1/128] when wyoming.host is 0.0.0.0 or ::, else every client"),
    // Handed to every worker as they are, when set; the workers have their defaults (see above).
    LIMITS_MAX_AUDIO_SECONDS("limits.max_audio_seconds", 1, 86_400),
    PIPER_SENTENCE_SILENCE_MS("piper.sentence_silence_ms", 0, 10_000),
    PIPER_INTRA_OP_THREADS("piper.intra_op_threads", 0, 256),
    PIPER_FIRST_WINDOW_MS("piper.first_window_ms", 0, 60_000),
    PIPER_WINDOW_MS("piper.window_ms", 100, 600_000),
    ENCODERS_MP3_BITRATE_KBPS("encoders.mp3_bitrate_kbps", 8, 320),
    ENCODERS_MP3_QUALITY("encoders.mp3_quality", 0, 9),
    ENCODERS_OPUS_BITRATE_KBPS("encoders.opus_bitrate_kbps", 6, 510),
    ENCODERS_OPUS_COMPLEXITY("encoders.opus_complexity", 0, 10),
    ENCODERS_OPUS_PAGE_INTERVAL_MS("encoders.opus_page_interval_ms", 20, 1000),
    ENCODERS_AAC_BITRATE_KBPS("encoders.aac_bitrate_kbps", 8, 320),
    TEXT_CODE_BLOCKS("text.code_blocks", List.of("skip", "speak")),
    TEXT_EMOJI("text.emoji", List.of("drop", "speak")),
    TEXT_LEXICON_DIR("text.lexicon_dir", "/etc/assistant-api/lexicon", Kind.WORKER_PATH),
    SCHEDULING_ORDER("scheduling.order", List.of("deadline", "round_robin")),
    SCHEDULING_MAX_AHEAD_MS("scheduling.max_ahead_ms", 0, 3_600_000),
    SCHEDULING_SHARED_TURN_MS("scheduling.shared_turn_ms", 10, 60_000),
    SCHEDULING_PREEMPT_MARGIN_MS("scheduling.preempt_margin_ms", 0, 3_600_000),
    SCHEDULING_PIECE_BUDGET_MS("scheduling.piece_budget_ms", 10, 60_000),
    SCHEDULING_FIRST_PIECE_BUDGET_MS("scheduling.first_piece_budget_ms", 10, 60_000);

    /** How a key's value is read. */
    enum Kind {
        /** A single value or a list, read as text. */
        TEXT,
        /** A map: any name below the key is allowed, e.g. {@code voices.openai.alloy}. */
        MAP,
        /** An integer in a range. */
        INTEGER,
        /** An integer in a range, handed to every worker as it is. */
        WORKER_TUNING,
        /** One of a few words ({@link #choices()}), handed to every worker as it is. */
        WORKER_CHOICE,
        /** A path handed to every worker, always (its default when not set). */
        WORKER_PATH
    }

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final int min;
    private final int max;
    private final List<String> choices;

    ConfigKey(String key, String defaultValue) {
        this(key, defaultValue, Kind.TEXT);
    }

    ConfigKey(String key, String defaultValue, Kind kind) {
        this(key, defaultValue, kind, 0, -1);
    }

    /** An integer whose default is computed at start-up, described by {@code defaultValue}. */
    ConfigKey(String key, String defaultValue, int min, int max) {
        this(key, defaultValue, Kind.INTEGER, min, max);
    }

    ConfigKey(String key, int defaultValue, int min, int max) {
        this(key, String.valueOf(defaultValue), Kind.INTEGER, min, max);
    }

    /** A worker setting that takes one of a few words; the workers have its default. */
    ConfigKey(String key, List<String> choices) {
        this(key, null, Kind.WORKER_CHOICE, 0, -1, choices);
    }

    /** A number in a range handed to every worker as it is; the workers have its default. */
    ConfigKey(String key, int min, int max) {
        this(key, null, Kind.WORKER_TUNING, min, max);
    }

    ConfigKey(String key, String defaultValue, Kind kind, int min, int max) {
        this(key, defaultValue, kind, min, max, List.of());
    }

    ConfigKey(String key, String defaultValue, Kind kind, int min, int max, List<String> choices) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.choices = List.copyOf(choices);
    }

    boolean isWorkerTuning() {
        return kind == Kind.WORKER_TUNING;
    }

    /** The words a choice key takes; empty for other keys. */
    List<String> choices() {
        return choices;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** The default of an integer key whose default is a number (not computed). */
    int defaultInt() {
        return Integer.parseInt(defaultValue);
    }

    /** The dotted key as written in YAML, e.g. {@code server.port}. */
    public String key() {
        return key;
    }

    /** The default, as the reference documents it; null for a setting handed to the workers (they have it). */
    public String defaultValue() {
        return defaultValue;
    }

    /** The key that a YAML leaf belongs to: itself, or the map it is an entry of. */
    static Optional<ConfigKey> owning(String leaf) {
        return Arrays.stream(values())
                .filter(k -> k.key.equals(leaf) || (k.kind == Kind.MAP && leaf.startsWith(k.key + ".") && leaf.indexOf('.', k.key.length() + 1) < 0))
                .findFirst();
    }
}
