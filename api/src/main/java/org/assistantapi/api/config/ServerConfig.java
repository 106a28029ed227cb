package org.assistantapi.api.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.assistantapi.core.CoreSettings;
import org.assistantapi.core.SessionSettings;
import org.assistantapi.core.VoiceChoice;

/**
 * The server's configuration, read from YAML. Every key has a safe default, so no file at all is
 * fine; an unknown key or a bad value stops start-up with a message naming the key.
 */
public record ServerConfig(String host, int port, CoreSettings core, URI voiceCatalog,
                           LoggingSettings logging, Duration shutdownGrace,
                           WyomingSettings wyoming, AuthSettings auth, HttpLimits limits, boolean metricsEnabled) {

    public static final Path DEFAULT_FILE = Path.of("/etc/assistant-api/config.yaml");

    /** Reads a YAML file; a missing {@code file} means all defaults. */
    public static ServerConfig load(Optional<Path> file) throws ConfigException {
        if (file.isEmpty()) {
            return from(Config.empty());
        }
        Path path = file.get();
        if (!Files.isReadable(path)) {
            throw new ConfigException("cannot read the configuration file " + path);
        }
        Config config;
        try {
            config = Config.builder()
                    .sources(ConfigSources.file(path))
                    .disableEnvironmentVariablesSource()
                    .disableSystemPropertiesSource()
                    .build();
            config.traverse().count(); // parse now, so a YAML error surfaces here
        } catch (RuntimeException e) {
            throw new ConfigException("cannot parse " + path + ": " + e.getMessage(), e);
        }
        return from(config);
    }

    static ServerConfig from(Config config) throws ConfigException {
        rejectUnknownKeys(config);
        CoreSettings defaults = CoreSettings.defaults();
        int heartbeatTimeout = integer(config, ConfigKey.WORKERS_HEARTBEAT_TIMEOUT_SECONDS, 30, 1, 3600);
        CoreSettings core = new CoreSettings(
                integer(config, ConfigKey.WORKERS_COUNT, defaults.workerCount(), 1, 256),
                strings(config, ConfigKey.WORKERS_JVM_OPTIONS, defaults.workerJvmOptions()),
                strings(config, ConfigKey.VOICES_DIRS, null).stream().map(ServerConfig::expandHome).toList(),
                integer(config, ConfigKey.WORKERS_MAX_LOADED_VOICES, defaults.maxLoadedVoices(), 1, 1000),
                strings(config, ConfigKey.VOICES_PREWARM, List.of()),
                workerTuning(config),
                new VoiceChoice(string(config, ConfigKey.VOICES_DEFAULT, null),
                        map(config, ConfigKey.VOICES_OPENAI), map(config, ConfigKey.MODELS)),
                integer(config, ConfigKey.LIMITS_MAX_INPUT_CHARS, defaults.maxInputChars(), 1, 1_000_000),
                integer(config, ConfigKey.STREAMS_BUFFER_FRAMES, defaults.streamBufferFrames(), 2, 100_000),
                Duration.ofSeconds(integer(config, ConfigKey.WORKERS_JOB_START_TIMEOUT_SECONDS, 60, 1, 3600)),
                Duration.ofSeconds(Math.max(1, heartbeatTimeout / 10)),
                Duration.ofSeconds(heartbeatTimeout),
                Duration.ofSeconds(integer(config, ConfigKey.STREAMS_CLIENT_STALL_TIMEOUT_SECONDS, 30, 1, 3600)),
                new SessionSettings(integer(config, ConfigKey.SESSIONS_MAX, 64, 1, 100_000),
                        integer(config, ConfigKey.SESSIONS_MAX_PENDING_CHARS, 16_384, 1, 10_000_000),
                        Duration.ofSeconds(integer(config, ConfigKey.SESSIONS_IDLE_TIMEOUT_SECONDS, 60, 1, 86_400)),
                        integer(config, ConfigKey.SESSIONS_MAX_PER_KEY, 16, 1, 100_000)),
                instanceId(config));
        return new ServerConfig(
                string(config, ConfigKey.SERVER_HOST, "127.0.0.1"),
                integer(config, ConfigKey.SERVER_PORT, 8000, 0, 65535),
                core,
                parse(config, ConfigKey.VOICES_CATALOG_URL, URI.create(ConfigKey.VOICES_CATALOG_URL.defaultValue()), ServerConfig::httpUri),
                new LoggingSettings(
                        Path.of(string(config, ConfigKey.LOGGING_DIR, "/var/log/assistant-api")),
                        parse(config, ConfigKey.LOGGING_LEVEL, Level.INFO, Level::parse),
                        integer(config, ConfigKey.LOGGING_MAX_FILE_MB, 10, 1, 1024),
                        integer(config, ConfigKey.LOGGING_FILES, 5, 1, 100)),
                Duration.ofSeconds(integer(config, ConfigKey.SERVER_SHUTDOWN_GRACE_SECONDS, 10, 0, 3600)),
                wyoming(config),
                auth(config),
                new HttpLimits(integer(config, ConfigKey.LIMITS_MAX_BODY_BYTES, 65536, 1024, 64 * 1024 * 1024),
                        integer(config, ConfigKey.LIMITS_MAX_STREAMS, 256, 1, 100_000),
                        integer(config, ConfigKey.LIMITS_MAX_STREAMS_PER_KEY, 64, 1, 100_000),
                        Duration.ofSeconds(integer(config, ConfigKey.SERVER_IDLE_TIMEOUT_SECONDS, 60, 1, 86_400)),
                        Duration.ofSeconds(integer(config, ConfigKey.SERVER_READ_TIMEOUT_SECONDS, 20, 1, 3600))),
                parse(config, ConfigKey.METRICS_ENABLED, true, ServerConfig::bool));
    }

    /** The keys of {@code auth.api_keys} and of {@code auth.api_key_file}, together. */
    private static AuthSettings auth(Config config) throws ConfigException {
        List<String> keys = new ArrayList<>(strings(config, ConfigKey.AUTH_API_KEYS, List.of()));
        String file = string(config, ConfigKey.AUTH_API_KEY_FILE, "");
        if (!file.isEmpty()) {
            keys.addAll(AuthSettings.readKeyFile(expandHome(file)));
        }
        if (keys.stream().anyMatch(String::isBlank)) {
            throw new ConfigException("'" + ConfigKey.AUTH_API_KEYS.key() + "' holds an empty key");
        }
        return new AuthSettings(keys,
                parse(config, ConfigKey.AUTH_PROTECT_HEALTH, false, ServerConfig::bool),
                parse(config, ConfigKey.AUTH_PROTECT_METRICS, true, ServerConfig::bool));
    }

    private static WyomingSettings wyoming(Config config) throws ConfigException {
        String host = string(config, ConfigKey.WYOMING_HOST, "127.0.0.1");
        List<ClientNetwork> allowed = new ArrayList<>();
        for (String network : strings(config, ConfigKey.WYOMING_ALLOWED_CLIENTS, WyomingSettings.defaultAllowedClients(host))) {
            try {
                allowed.add(ClientNetwork.parse(network.strip()));
            } catch (RuntimeException e) {
                throw new ConfigException("bad network '" + network + "' in '" + ConfigKey.WYOMING_ALLOWED_CLIENTS.key()
                        + "': write an address or address/prefix, e.g. 192.168.1.0/24");
            }
        }
        return new WyomingSettings(parse(config, ConfigKey.WYOMING_ENABLED, false, ServerConfig::bool), host,
                integer(config, ConfigKey.WYOMING_PORT, 10200, 0, 65535), allowed);
    }

    /** The same configuration listening on another port (the command line's {@code --port}). */
    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, core, voiceCatalog, logging, shutdownGrace, wyoming, auth, limits, metricsEnabled);
    }

    private static String instanceId(Config config) throws ConfigException {
        String id = string(config, ConfigKey.SERVER_INSTANCE_ID, CoreSettings.defaultInstanceId());
        if (!CoreSettings.INSTANCE_ID.matcher(id).matches()) {
            throw new ConfigException("'" + ConfigKey.SERVER_INSTANCE_ID.key() + "' must be 1 to 32 of a-z, 0-9 and '-',"
                    + " starting with a letter or digit, got '" + id + "'");
        }
        return id;
    }

    private static void rejectUnknownKeys(Config config) throws ConfigException {
        List<String> leaves = config.traverse().filter(Config::isLeaf).map(node -> node.key().toString()).toList();
        for (String leaf : leaves) {
            String key = leaf.replaceAll("\\.\\d+$", ""); // list items: voices.dirs.0
            if (ConfigKey.owning(key).isEmpty()) {
                throw new ConfigException("unknown configuration key '" + leaf + "'");
            }
        }
    }

    private static String string(Config config, ConfigKey key, String fallback) throws ConfigException {
        return parse(config, key, fallback, Function.identity());
    }

    private static int integer(Config config, ConfigKey key, int fallback, int min, int max) throws ConfigException {
        int value = parse(config, key, fallback, Integer::parseInt);
        if (value < min || value > max) {
            throw new ConfigException("'" + key.key() + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static <T> T parse(Config config, ConfigKey key, T fallback, Function<String, T> parser) throws ConfigException {
        Config node = config.get(key.key());
        if (!node.exists()) {
            return fallback;
        }
        if (!node.isLeaf()) {
            throw new ConfigException("'" + key.key() + "' must be a single value");
        }
        String raw = node.asString().get().strip();
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new ConfigException("bad value '" + raw + "' for '" + key.key() + "'");
        }
    }

    /** A list; {@code fallback} null means the core default voice directories. */
    private static List<String> strings(Config config, ConfigKey key, List<String> fallback) throws ConfigException {
        Config node = config.get(key.key());
        if (!node.exists()) {
            return fallback != null ? fallback
                    : CoreSettings.defaultVoiceDirs().stream().map(Path::toString).toList();
        }
        if (node.type() != Config.Type.LIST) {
            throw new ConfigException("'" + key.key() + "' must be a list");
        }
        try {
            return node.asList(String.class).get();
        } catch (RuntimeException e) {
            throw new ConfigException("'" + key.key() + "' must be a list of strings");
        }
    }

    /** The engine and encoder knobs that were set, checked here so that workers never see a bad one. */
    private static Map<String, Integer> workerTuning(Config config) throws ConfigException {
        Map<String, Integer> tuning = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (key.isWorkerTuning() && config.get(key.key()).exists()) {
                tuning.put(key.key(), integer(config, key, 0, key.min(), key.max()));
            }
        }
        return tuning;
    }

    /** A map of names to strings, e.g. {@code voices.openai: {alloy: en_US-lessac-medium}}. */
    private static Map<String, String> map(Config config, ConfigKey key) throws ConfigException {
        Config node = config.get(key.key());
        if (!node.exists()) {
            return Map.of();
        }
        if (node.type() != Config.Type.OBJECT) {
            throw new ConfigException("'" + key.key() + "' must be a map of names to values");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Config entry : node.asNodeList().get()) {
            if (!entry.isLeaf()) {
                throw new ConfigException("'" + entry.key() + "' must be a single value");
            }
            entries.put(entry.name(), entry.asString().get().strip());
        }
        return entries;
    }

    private static URI httpUri(String value) {
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
    }

    /** Only {@code true} or {@code false}: a typo must not silently mean false. */
    private static boolean bool(String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not true or false");
        };
    }

    private static Path expandHome(String dir) {
        return dir.startsWith("~/") ? Path.of(System.getProperty("user.home"), dir.substring(2)) : Path.of(dir);
    }
}
