package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.assistantapi.api.config.ConfigKey;
import org.assistantapi.api.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dist/scripts/install.sh and uninstall.sh in a scratch root (--root), from a checkout, a tarball and
 * an unpacked tarball's own copy, and the default configuration they install: valid, and naming
 * every key.
 */
class InstallIT {

    private static final Path SCRIPTS = RunningServer.repo().resolve("dist/scripts");
    private static final Path DEFAULT_CONFIG = RunningServer.repo().resolve("dist/config/config.yaml");
    /** A commented-out setting, "# key: value" or a nested "#   name: value"; prose starts otherwise. */
    private static final Pattern COMMENTED_SETTING = Pattern.compile("(?m)^(\\s*)# (\\s*[a-z][a-z0-9_-]*:.*)$");

    @Test
    void installsReinstallsKeepingTheConfigAndUninstalls(@TempDir Path root) throws Exception {
        SystemdIT.Result install = script(root, "install.sh", RunningServer.home().toString());
        assertEquals(0, install.exitCode(), install.output());
        for (String path : List.of("opt/assistant-api/bin/java", "opt/assistant-api/bin/assistant-api",
                "etc/assistant-api/config.yaml", "etc/systemd/system/assistant-api.service",
                "usr/local/lib/assistant-api/uninstall.sh", "usr/local/lib/assistant-api/prewarm-voices.sh")) {
            assertTrue(Files.exists(root.resolve(path)), path + "\n" + install.output());
        }
        assertTrue(Files.isDirectory(root.resolve("var/lib/assistant-api/voices")));
        assertTrue(Files.isDirectory(root.resolve("var/log/assistant-api")));
        assertEquals(Path.of("/opt/assistant-api/bin/assistant-api"), Files.readSymbolicLink(root.resolve("usr/local/bin/assistant-api")));
        assertEquals(Files.readString(DEFAULT_CONFIG), Files.readString(root.resolve("etc/assistant-api/config.yaml")));

        // An upgrade: the operator's config survives, the image is replaced, from the tarball this time.
        Path config = root.resolve("etc/assistant-api/config.yaml");
        Files.writeString(config, "server:\n  port: 8123\n");
        Files.writeString(root.resolve("opt/assistant-api/stale-file"), "from the old image");
        Path tarball;
        try (var files = Files.list(RunningServer.home().getParent())) {
            tarball = files.filter(f -> f.getFileName().toString().endsWith("-linux-x64.tar.gz")).findFirst().orElseThrow();
        }
        SystemdIT.Result again = script(root, "install.sh", tarball.toString());
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("server:\n  port: 8123\n", Files.readString(config));
        assertTrue(again.output().contains("kept " + config), again.output());
        assertFalse(Files.exists(root.resolve("opt/assistant-api/stale-file")), "the old image was replaced");
        assertTrue(Files.isExecutable(root.resolve("opt/assistant-api/bin/java")));

        // An unpacked tarball installs itself: its own service/install.sh, no checkout needed.
        Path unpacked = ScratchFiles.directory("tarball");
        assertEquals(0, SystemdIT.run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString())).exitCode());
        SystemdIT.Result fromTarball = SystemdIT.run(List.of(
                unpacked.resolve("assistant-api/service/install.sh").toString(), "--root", root.toString()));
        assertEquals(0, fromTarball.exitCode(), fromTarball.output());
        assertTrue(fromTarball.output().contains("installed the image in " + root.resolve("opt/assistant-api")), fromTarball.output());
        assertEquals("server:\n  port: 8123\n", Files.readString(config));
        ScratchFiles.deleteRecursively(unpacked);

        SystemdIT.Result uninstall = script(root, "uninstall.sh");
        assertEquals(0, uninstall.exitCode(), uninstall.output());
        for (String gone : List.of("opt/assistant-api", "etc/systemd/system/assistant-api.service",
                "usr/local/bin/assistant-api", "usr/local/lib/assistant-api")) {
            assertFalse(Files.exists(root.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone);
        }
        assertEquals("server:\n  port: 8123\n", Files.readString(config), "uninstall keeps the config");
        assertTrue(Files.isDirectory(root.resolve("var/lib/assistant-api/voices")), "uninstall keeps the voices");

        SystemdIT.Result purge = script(root, "uninstall.sh", "--purge");
        assertEquals(0, purge.exitCode(), purge.output());
        for (String gone : List.of("etc/assistant-api", "var/lib/assistant-api", "var/log/assistant-api")) {
            assertFalse(Files.exists(root.resolve(gone)), gone);
        }
    }

    @Test
    void defaultConfigIsValidAndNamesEveryKey(@TempDir Path dir) throws Exception {
        String text = Files.readString(DEFAULT_CONFIG);
        ServerConfig.load(Optional.of(DEFAULT_CONFIG)); // as installed

        // With every example uncommented, it is still valid and holds every key the server reads.
        Path uncommented = dir.resolve("uncommented.yaml");
        Files.writeString(uncommented, COMMENTED_SETTING.matcher(text).replaceAll("$1$2"));
        ServerConfig.load(Optional.of(uncommented));
        Config config = Config.builder().sources(ConfigSources.file(uncommented))
                .disableEnvironmentVariablesSource().disableSystemPropertiesSource().build();
        for (ConfigKey key : ConfigKey.values()) {
            assertTrue(config.get(key.key()).exists(), key.key() + " is missing from dist/config/config.yaml");
        }
    }

    private static SystemdIT.Result script(Path root, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve(name).toString(), "--root", root.toString()));
        command.addAll(List.of(args));
        return SystemdIT.run(command);
    }
}
