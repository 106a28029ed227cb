package org.assistantapi.api.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/user/configuration.md) and {@link ConfigKey} name the same
 * keys: a key added to the code must be documented, and a documented key must exist; and the
 * reference gives the server's defaults as the code has them (the workers' are checked in the
 * workers module); and the operators' config.yaml, which lists every key with its default, has
 * the reference's.
 */
class ConfigReferenceTest {

    /** Surefire runs with the module directory (api/) as working directory. */
    private static final Path REFERENCE = Path.of("..", "docs", "user", "configuration.md");

    /** The file install.sh puts at /etc/assistant-api/config.yaml. */
    private static final Path OPERATORS_CONFIG = Path.of("..", "dist", "config", "config.yaml");

    /** Keys config.yaml sets to what the systemd service needs rather than to their default. */
    private static final Set<String> SET_FOR_THE_SERVICE = Set.of("voices.dirs", "logging.dir");

    /** A default cell that is one value and nothing else: {@code `8000`}, not "the number of CPU cores". */
    private static final Pattern ONE_VALUE = Pattern.compile("`([^`]*)`");

    /** The section holding the reference table; it runs to the next level-2 heading. */
    private static final String SECTION = "## Reference";

    /**
     * A reference table row: its first cell is one key in backticks, its second the default, e.g.
     * {@code | `server.port` | `8000` | ... |}.
     */
    private static final Pattern ROW_KEY = Pattern.compile("^\\|\\s*`([a-z0-9_.]+)`\\s*\\|\\s*([^|]*?)\\s*\\|");

    @Test
    void everyKeyIsDocumented() throws IOException {
        Set<String> documented = documentedKeys();
        List<String> missing = codeKeys().stream().filter(key -> !documented.contains(key)).toList();
        assertTrue(missing.isEmpty(), "keys missing from the reference table in " + REFERENCE + ": " + missing);
    }

    @Test
    void everyDocumentedKeyExists() throws IOException {
        Set<String> code = codeKeys();
        List<String> unknown = documentedKeys().stream().filter(key -> !code.contains(key)).toList();
        assertTrue(unknown.isEmpty(), REFERENCE + " documents keys the code does not have: " + unknown);
    }

    @Test
    void everyServerDefaultIsTheCodes() throws IOException {
        Map<String, String> documented = documentedDefaults();
        List<String> wrong = Arrays.stream(ConfigKey.values())
                .filter(key -> key.defaultValue() != null && documented.containsKey(key.key()))
                .filter(key -> !key.defaultValue().equals(documented.get(key.key()).replace("`", "")))
                .map(key -> key.key() + ": documented " + documented.get(key.key()) + ", the code's " + key.defaultValue())
                .toList();
        assertTrue(wrong.isEmpty(), REFERENCE + " gives other defaults than the code: " + wrong);
    }

    @Test
    void theOperatorsConfigHoldsTheDocumentedDefaults() throws IOException {
        Config file = ServerConfig.read(OPERATORS_CONFIG);
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (Map.Entry<String, String> row : documentedDefaults().entrySet()) {
            Matcher value = ONE_VALUE.matcher(row.getValue());
            Config node = file.get(row.getKey());
            if (!value.matches() || !node.exists() || SET_FOR_THE_SERVICE.contains(row.getKey())) {
                continue; // a computed default (an example line in the file) or prose
            }
            compared++;
            String written = yamlText(node);
            if (!written.equals(value.group(1))) {
                wrong.add(row.getKey() + ": " + OPERATORS_CONFIG.getFileName() + " has " + written + ", the reference "
                        + value.group(1));
            }
        }
        assertTrue(compared > 40, "compared only " + compared + " keys of " + OPERATORS_CONFIG);
        assertTrue(wrong.isEmpty(), OPERATORS_CONFIG + " gives other defaults than " + REFERENCE + ": " + wrong);
    }

    /** A node as the reference writes values: a scalar as is, a list as [a, b], an empty map as {}. */
    private static String yamlText(Config node) {
        return switch (node.type()) {
            case VALUE -> node.asString().get();
            case LIST -> node.asList(String.class).get().stream().collect(Collectors.joining(", ", "[", "]"));
            case OBJECT -> node.asNodeList().get().isEmpty() ? "{}" : node.toString();
            case MISSING -> "";
        };
    }

    private static Set<String> codeKeys() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> documentedKeys() throws IOException {
        return new TreeSet<>(documentedDefaults().keySet());
    }

    /** Each documented key's default cell, as written. */
    private static Map<String, String> documentedDefaults() throws IOException {
        assertTrue(Files.isReadable(REFERENCE), "cannot read " + REFERENCE.toAbsolutePath());
        Map<String, String> keys = new TreeMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(REFERENCE)) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals(SECTION);
                continue;
            }
            Matcher row = ROW_KEY.matcher(line.strip());
            if (inSection && row.find()) {
                keys.put(row.group(1), row.group(2));
            }
        }
        assertFalse(keys.isEmpty(), "no key rows found under '" + SECTION + "' in " + REFERENCE);
        return keys;
    }
}
