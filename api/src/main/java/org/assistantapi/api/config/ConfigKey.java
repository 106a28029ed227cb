package org.assistantapi.api.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key the server reads, with its default as documented. The configuration
 * reference in docs/user is checked against this list by a test.
 */
public enum ConfigKey {
    SERVER_HOST("server.host", "127.0.0.1"),
    SERVER_PORT("server.port", "8000"),
    SERVER_SHUTDOWN_GRACE_SECONDS("server.shutdown_grace_seconds", "10"),
    SERVER_IDLE_TIMEOUT_SECONDS("server.idle_timeout_seconds", "60"),
    SERVER_READ_TIMEOUT_SECONDS("server.read_timeout_seconds", "20"),
    SERVER_INSTANCE_ID("server.instance_id", "the host name's first label"),
    WORKERS_COUNT("workers.count", "the number of CPU cores"),
    WORKERS_JVM_OPTIONS("workers.jvm_options", "[-Xmx512m]"),
    WORKERS_MAX_LOADED_VOICES("workers.max_loaded_voices", "8"),
    WORKERS_HEARTBEAT_TIMEOUT_SECONDS("workers.heartbeat_timeout_seconds", "30"),
    WORKERS_JOB_START_TIMEOUT_SECONDS("workers.job_start_timeout_seconds", "60"),
    VOICES_DIRS("voices.dirs", "[/var/lib/assistant-api/voices, ~/.local/share/assistant-api/voices]"),
    VOICES_DEFAULT("voices.default", "an installed Piper voice (English first), else espeak:en-us"),
    VOICES_OPENAI("voices.openai", "{} (every OpenAI voice name speaks with the default voice)", true),
    MODELS("models", "{} (every model uses the default voice)", true),
    VOICES_PREWARM("voices.prewarm", "[]"),
    VOICES_CATALOG_URL("voices.catalog_url", "https://huggingface.co/rhasspy/piper-voices/resolve/main"),
    LOGGING_DIR("logging.dir", "/var/log/assistant-api"),
    LOGGING_LEVEL("logging.level", "INFO"),
    LOGGING_MAX_FILE_MB("logging.max_file_mb", "10"),
    LOGGING_FILES("logging.files", "5"),
    LIMITS_MAX_INPUT_CHARS("limits.max_input_chars", "4096"),
    LIMITS_MAX_BODY_BYTES("limits.max_body_bytes", "65536"),
    LIMITS_MAX_STREAMS("limits.max_streams", "256"),
    LIMITS_MAX_STREAMS_PER_KEY("limits.max_streams_per_key", "64"),
    AUTH_API_KEYS("auth.api_keys", "[] (no key: the server is open)"),
    AUTH_API_KEY_FILE("auth.api_key_file", "none"),
    AUTH_PROTECT_HEALTH("auth.protect_health", "false"),
    AUTH_PROTECT_METRICS("auth.protect_metrics", "true"),
    METRICS_ENABLED("metrics.enabled", "true"),
    STREAMS_BUFFER_FRAMES("streams.buffer_frames", "64"),
    STREAMS_CLIENT_STALL_TIMEOUT_SECONDS("streams.client_stall_timeout_seconds", "30"),
    SESSIONS_MAX("sessions.max", "64"),
    SESSIONS_MAX_PENDING_CHARS("sessions.max_pending_chars", "16384"),
    SESSIONS_IDLE_TIMEOUT_SECONDS("sessions.idle_timeout_seconds", "60"),
    SESSIONS_MAX_PER_KEY("sessions.max_per_key", "16"),
    WYOMING_ENABLED("wyoming.enabled", "false"),
    WYOMING_HOST("wyoming.host", "127.0.0.1"),
    WYOMING_PORT("wyoming.port", "10200"),
    LIMITS_MAX_AUDIO_SECONDS("limits.max_audio_seconds", 600, 1, 86_400),
    PIPER_SENTENCE_SILENCE_MS("piper.sentence_silence_ms", 200, 0, 10_000),
    PIPER_INTRA_OP_THREADS("piper.intra_op_threads", 1, 0, 256),
    ENCODERS_MP3_BITRATE_KBPS("encoders.mp3_bitrate_kbps", 64, 8, 320),
    ENCODERS_MP3_QUALITY("encoders.mp3_quality", 5, 0, 9),
    ENCODERS_OPUS_BITRATE_KBPS("encoders.opus_bitrate_kbps", 32, 6, 510),
    ENCODERS_OPUS_COMPLEXITY("encoders.opus_complexity", 5, 0, 10),
    ENCODERS_OPUS_PAGE_INTERVAL_MS("encoders.opus_page_interval_ms", 100, 20, 1000),
    ENCODERS_AAC_BITRATE_KBPS("encoders.aac_bitrate_kbps", 64, 8, 320);

    private final String key;
    private final String defaultValue;
    private final boolean map;
    private final int min;
    private final int max;

    ConfigKey(String key, String defaultValue) {
        this(key, defaultValue, false);
    }

    /** A map key: any name below it is allowed, e.g. {@code voices.openai.alloy}. */
    ConfigKey(String key, String defaultValue, boolean map) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.map = map;
        this.min = 0;
        this.max = -1;
    }

    /** A worker tuning key: an integer in a range, handed to every worker as it is. */
    ConfigKey(String key, int defaultValue, int min, int max) {
        this.key = key;
        this.defaultValue = String.valueOf(defaultValue);
        this.map = false;
        this.min = min;
        this.max = max;
    }

    boolean isWorkerTuning() {
        return max >= min;
    }

    int min() {
        return min;
    }

    int max() {
        return max;
    }

    /** The dotted key as written in YAML, e.g. {@code server.port}. */
    public String key() {
        return key;
    }

    /** The default, as the reference documents it. */
    public String defaultValue() {
        return defaultValue;
    }

    /** The key that a YAML leaf belongs to: itself, or the map it is an entry of. */
    static Optional<ConfigKey> owning(String leaf) {
        return Arrays.stream(values())
                .filter(k -> k.key.equals(leaf) || (k.map && leaf.startsWith(k.key + ".") && leaf.indexOf('.', k.key.length() + 1) < 0))
                .findFirst();
    }
}
