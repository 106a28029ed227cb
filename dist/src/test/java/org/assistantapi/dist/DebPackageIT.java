package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The .deb that jpackage makes of the image, installed, upgraded, removed and purged by the real
 * dpkg in a scratch root ({@code dpkg --root}, maintainer scripts run without a chroot with
 * DPKG_ROOT set, as dpkg does for such a root).
 */
class DebPackageIT {

    private static final Path REPO = RunningServer.repo();

    private static Path deb() throws Exception {
        try (var files = Files.list(RunningServer.home().resolveSibling("deb"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow();
        }
    }

    @Test
    void dependsOnWhatTheServerLoadsAndNothingForADisplay() throws Exception {
        String depends = SystemdIT.run(List.of("dpkg-deb", "-f", deb().toString(), "Depends")).output();
        for (String needed : List.of("libespeak-ng1", "espeak-ng-data", "libc6", "libstdc++6")) {
            assertTrue(depends.contains(needed), depends);
        }
        for (String display : List.of("libx11", "libasound")) {
            assertFalse(depends.contains(display), depends);
        }
        assertEquals("ffmpeg", SystemdIT.run(List.of("dpkg-deb", "-f", deb().toString(), "Recommends")).output().strip());
    }

    @Test
    void installsUpgradesKeepingTheConfigRemovesAndPurges() throws Exception {
        Path root = ScratchFiles.directory("dpkg-root");
        for (String dir : List.of("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.createFile(root.resolve("var/lib/dpkg/status"));

        SystemdIT.Result install = dpkg(root, "-i", deb().toString());
        assertEquals(0, install.exitCode(), install.output());
        assertTrue(Files.isExecutable(root.resolve("opt/assistant-api/bin/java")), install.output());
        assertEquals(Path.of("/opt/assistant-api/bin/assistant-api"), Files.readSymbolicLink(root.resolve("usr/bin/assistant-api")));
        Path config = root.resolve("etc/assistant-api/config.yaml");
        assertEquals(Files.readString(REPO.resolve("dist/config/config.yaml")), Files.readString(config));
        assertEquals(Files.readString(REPO.resolve("dist/systemd/assistant-api.service")),
                Files.readString(root.resolve("etc/systemd/system/assistant-api.service")));
        assertTrue(Files.isDirectory(root.resolve("var/lib/assistant-api/voices")));
        assertTrue(Files.isDirectory(root.resolve("var/log/assistant-api")));

        Files.writeString(config, "server:\n  port: 8123\n");
        SystemdIT.Result upgrade = dpkg(root, "-i", deb().toString());
        assertEquals(0, upgrade.exitCode(), upgrade.output());
        assertEquals("server:\n  port: 8123\n", Files.readString(config), "an upgrade keeps the edited config");

        SystemdIT.Result remove = dpkg(root, "-r", "assistant-api");
        assertEquals(0, remove.exitCode(), remove.output());
        for (String gone : List.of("opt/assistant-api", "usr/bin/assistant-api", "etc/systemd/system/assistant-api.service")) {
            assertFalse(Files.exists(root.resolve(gone), LinkOption.NOFOLLOW_LINKS), gone + "\n" + remove.output());
        }
        assertEquals("server:\n  port: 8123\n", Files.readString(config), "remove keeps the config");
        assertTrue(Files.isDirectory(root.resolve("var/lib/assistant-api/voices")), "remove keeps the voices");

        SystemdIT.Result purge = dpkg(root, "-P", "assistant-api");
        assertEquals(0, purge.exitCode(), purge.output());
        for (String gone : List.of("etc/assistant-api", "var/lib/assistant-api", "var/log/assistant-api")) {
            assertFalse(Files.exists(root.resolve(gone)), gone + "\n" + purge.output());
        }
        ScratchFiles.deleteRecursively(root);
    }

    /** dpkg on the scratch root; the dependencies are the host's business, not this root's. */
    private static SystemdIT.Result dpkg(Path root, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "dpkg",
                "--root=" + root, "--force-script-chrootless", "--force-depends", "--force-not-root"));
        command.addAll(List.of(args));
        return SystemdIT.run(command);
    }
}
