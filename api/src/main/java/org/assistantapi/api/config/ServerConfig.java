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
import org.assistantapi.core.StreamSettings;
import org.assistantapi.core.Timeouts;
import org.assistantapi.core.VoiceChoice;
import org.assistantapi.core.WorkerSettings;

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
            config = read(path);
            config.traverse().count(); // parse now, so a YAML error surfaces here
        } catch (RuntimeException e) {
            throw new ConfigException("cannot parse " + path + ": " + e.getMessage(), e);
        }
        return from(config);
    }

    /** The file as the server reads it: its YAML only, no environment variables or system properties. */
    static Config read(Path path) {
        return Config.builder()
                .sources(ConfigSources.file(path))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }

    static ServerConfig from(Config config) throws ConfigException {
        rejectUnknownKeys(config);
        CoreSettings core = new CoreSettings(
                new WorkerSettings(
                        integer(config, ConfigKey.WORKERS_COUNT, WorkerSettings.defaultCount()),
                        strings(config, ConfigKey.WORKERS_JVM_OPTIONS, WorkerSettings.DEFAULT_JVM_OPTIONS),
                        strings(config, ConfigKey.VOICES_DIRS, null).stream().map(ServerConfig::expandHome).toList(),
                        integer(config, ConfigKey.WORKERS_MAX_LOADED_VOICES),
                        strings(config, ConfigKey.VOICES_PREWARM, List.of()),
                        workerTuning(config)),
                new Timeouts(seconds(config, ConfigKey.WORKERS_JOB_START_TIMEOUT_SECONDS),
                        seconds(config, ConfigKey.WORKERS_HEARTBEAT_TIMEOUT_SECONDS),
                        seconds(config, ConfigKey.STREAMS_CLIENT_STALL_TIMEOUT_SECONDS)),
                new VoiceChoice(string(config, ConfigKey.VOICES_DEFAULT, null),
                        map(config, ConfigKey.VOICES_OPENAI), map(config, ConfigKey.MODELS)),
                integer(config, ConfigKey.LIMITS_MAX_INPUT_CHARS),
                new StreamSettings(integer(config, ConfigKey.STREAMS_BUFFER_FRAMES),
                        integer(config, ConfigKey.LIMITS_MAX_STREAMS),
                        integer(config, ConfigKey.LIMITS_MAX_STREAMS_PER_KEY)),
                new SessionSettings(integer(config, ConfigKey.SESSIONS_MAX),
                        integer(config, ConfigKey.SESSIONS_MAX_PENDING_CHARS),
                        seconds(config, ConfigKey.SESSIONS_IDLE_TIMEOUT_SECONDS),
                        integer(config, ConfigKey.SESSIONS_MAX_PER_KEY)),
                instanceId(config));
        return new ServerConfig(
                string(config, ConfigKey.SERVER_HOST),
                integer(config, ConfigKey.SERVER_PORT),
                core,
                parse(config, ConfigKey.VOICES_CATALOG_URL, URI.create(ConfigKey.VOICES_CATALOG_URL.defaultValue()), ServerConfig::httpUri),
                new LoggingSettings(
                        Path.of(string(config, ConfigKey.LOGGING_DIR)),
                        parse(config, ConfigKey.LOGGING_LEVEL, Level.parse(ConfigKey.LOGGING_LEVEL.defaultValue()), Level::parse),
                        integer(config, ConfigKey.LOGGING_MAX_FILE_MB),
                        integer(config, ConfigKey.LOGGING_FILES)),
                seconds(config, ConfigKey.SERVER_SHUTDOWN_GRACE_SECONDS),
                wyoming(config),
                auth(config),
                new HttpLimits(integer(config, ConfigKey.LIMITS_MAX_BODY_BYTES),
                        seconds(config, ConfigKey.SERVER_IDLE_TIMEOUT_SECONDS),
                        seconds(config, ConfigKey.SERVER_READ_TIMEOUT_SECONDS)),
                flag(config, ConfigKey.METRICS_ENABLED));
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
                flag(config, ConfigKey.AUTH_PROTECT_HEALTH),
                flag(config, ConfigKey.AUTH_PROTECT_METRICS));
    }

    private static WyomingSettings wyoming(Config config) throws ConfigException {
        String host = string(config, ConfigKey.WYOMING_HOST);
        List<ClientNetwork> allowed = new ArrayList<>();
        for (String network : strings(config, ConfigKey.WYOMING_ALLOWED_CLIENTS, WyomingSettings.defaultAllowedClients(host))) {
            try {
                allowed.add(ClientNetwork.parse(network.strip()));
            } catch (RuntimeException e) {
                throw new ConfigException("bad network '" + network + "' in '" + ConfigKey.WYOMING_ALLOWED_CLIENTS.key()
                        + "': write an address or address/prefix, e.g. 192.168.1.0/24");
            }
        }
        return new WyomingSettings(flag(config, ConfigKey.WYOMING_ENABLED), host, integer(config, ConfigKey.WYOMING_PORT),
                seconds(config, ConfigKey.WYOMING_READ_TIMEOUT_SECONDS), allowed);
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

    /** A text key, its default if unset. */
    private static String string(Config config, ConfigKey key) throws ConfigException {
        return string(config, key, key.defaultValue());
    }

    /** A {@code true}/{@code false} key, its default if unset. */
    private static boolean flag(Config config, ConfigKey key) throws ConfigException {
        return parse(config, key, bool(key.defaultValue()), ServerConfig::bool);
    }

    /** An integer key in its range, its default if unset. */
    private static int integer(Config config, ConfigKey key) throws ConfigException {
        return integer(config, key, key.defaultInt());
    }

    /** An integer key of seconds. */
    private static Duration seconds(Config config, ConfigKey key) throws ConfigException {
        return Duration.ofSeconds(integer(config, key));
    }

    /** An integer key in its range, {@code fallback} if unset. */
    private static int integer(Config config, ConfigKey key, int fallback) throws ConfigException {
        int value = parse(config, key, fallback, Integer::parseInt);
        if (value < key.min() || value > key.max()) {
            throw new ConfigException("'" + key.key() + "' must be between " + key.min() + " and " + key.max() + ", got " + value);
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
                    : WorkerSettings.defaultVoiceDirs().stream().map(Path::toString).toList();
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

    /**
     * The engine, encoder and text settings that were set (and the lexicon directory, always),
     * checked here so that workers never see a bad one.
     */
    private static Map<String, String> workerTuning(Config config) throws ConfigException {
        Map<String, String> tuning = new LinkedHashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            if (!config.get(key.key()).exists()) {
                continue;
            }
            if (key.isWorkerTuning()) {
                tuning.put(key.key(), String.valueOf(integer(config, key, key.min())));  // set: the fallback is never taken
            } else if (!key.choices().isEmpty()) {
                String value = string(config, key, null);
                if (!key.choices().contains(value)) {
                    throw new ConfigException("'" + key.key() + "' must be one of " + String.join(", ", key.choices())
                            + ", got " + value);
                }
                tuning.put(key.key(), value);
            }
        }
        tuning.put(ConfigKey.TEXT_LEXICON_DIR.key(),
                expandHome(string(config, ConfigKey.TEXT_LEXICON_DIR, ConfigKey.TEXT_LEXICON_DIR.defaultValue())).toString());
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
