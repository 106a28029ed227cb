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
    WORKERS_COUNT("workers.count", "the number of CPU cores"),
    WORKERS_JVM_OPTIONS("workers.jvm_options", "[-Xmx512m]"),
    WORKERS_MAX_LOADED_VOICES("workers.max_loaded_voices", "8"),
    WORKERS_HEARTBEAT_TIMEOUT_SECONDS("workers.heartbeat_timeout_seconds", "30"),
    WORKERS_JOB_START_TIMEOUT_SECONDS("workers.job_start_timeout_seconds", "60"),
    VOICES_DIRS("voices.dirs", "[/var/lib/assistant-api/voices, ~/.local/share/assistant-api/voices]"),
    VOICES_DEFAULT("voices.default", "espeak:en-us"),
    VOICES_PREWARM("voices.prewarm", "[]"),
    VOICES_CATALOG_URL("voices.catalog_url", "https://huggingface.co/rhasspy/piper-voices/resolve/main"),
    LOGGING_DIR("logging.dir", "/var/log/assistant-api"),
    LOGGING_LEVEL("logging.level", "INFO"),
    LIMITS_MAX_INPUT_CHARS("limits.max_input_chars", "4096"),
    LIMITS_MAX_BODY_BYTES("limits.max_body_bytes", "65536"),
    STREAMS_BUFFER_FRAMES("streams.buffer_frames", "64");

    private final String key;
    private final String defaultValue;

    ConfigKey(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    /** The dotted key as written in YAML, e.g. {@code server.port}. */
    public String key() {
        return key;
    }

    /** The default, as the reference documents it. */
    public String defaultValue() {
        return defaultValue;
    }

    static Optional<ConfigKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
