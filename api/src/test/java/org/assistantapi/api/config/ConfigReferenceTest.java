package org.assistantapi.api.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The configuration reference (docs/user/configuration.md) and {@link ConfigKey} name the same
 * keys: a key added to the code must be documented, and a documented key must exist; and the
 * reference gives the server's defaults as the code has them (the workers' are checked in the
 * workers module).
 */
class ConfigReferenceTest {

    /** Surefire runs with the module directory (api/) as working directory. */
    private static final Path REFERENCE = Path.of("..", "docs", "user", "configuration.md");

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
