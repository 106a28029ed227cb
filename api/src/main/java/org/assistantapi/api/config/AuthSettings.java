package org.assistantapi.api.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who may use the server: the API keys (none: anyone who can connect), and whether health and
 * metrics need one too.
 */
public record AuthSettings(List<String> apiKeys, boolean protectHealth, boolean protectMetrics) {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    public AuthSettings {
        apiKeys = List.copyOf(apiKeys);
    }

    /** The keys never appear in a log line or an error message, not even through this record. */
    @Override
    public String toString() {
        return "AuthSettings[apiKeys=" + apiKeys.size() + " keys, protectHealth=" + protectHealth
                + ", protectMetrics=" + protectMetrics + "]";
    }

    /**
     * The keys in a key file: one per line, blank lines and lines starting with {@code #} skipped.
     * A file that group or others may access is refused, as ssh refuses such a private key.
     */
    static List<String> readKeyFile(Path file) throws ConfigException {
        try {
            Set<PosixFilePermission> loose = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            loose.retainAll(GROUP_OR_OTHERS);
            if (!loose.isEmpty()) {
                throw new ConfigException("the API key file " + file + " is accessible by group or others " + loose
                        + "; make it readable by the service only (chmod 600)");
            }
            List<String> keys = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String key = line.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(key);
                }
            }
            if (keys.isEmpty()) {
                throw new ConfigException("the API key file " + file + " holds no key");
            }
            return keys;
        } catch (UnsupportedOperationException e) {
            throw new ConfigException("the API key file " + file + " is on a file system without POSIX permissions");
        } catch (IOException e) {
            throw new ConfigException("cannot read the API key file " + file + ": " + e.getMessage());
        }
    }
}
