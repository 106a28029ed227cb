package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit passes {@code systemd-analyze verify} and keeps a good security score, and the
 * server speaks the notify protocol: READY=1 once a worker is ready, STOPPING=1 on SIGTERM.
 */
class SystemdIT {

    private static final Path UNIT = RunningServer.repo().resolve("dist/systemd/assistant-api.service");
    private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)");

    @Test
    void unitVerifies(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed");
        Path unit = unitForThisImage(dir);
        Result verify = run(List.of(ANALYZE.toString(), "verify", "--man=no", unit.toString()));
        assertEquals(0, verify.exitCode(), verify.output());
        assertEquals("", verify.output().strip(), "verify warns");
    }

    @Test
    void securityExposureStaysLow(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed");
        Result security = run(List.of(ANALYZE.toString(), "security", "--offline=yes", unitForThisImage(dir).toString()));
        Matcher m = EXPOSURE.matcher(security.output());
        assertTrue(m.find(), security.output());
        // docs/user/install.md quotes the figure: 1.1 with systemd 252.
        assertTrue(Double.parseDouble(m.group(1)) <= 1.5, "exposure " + m.group(1) + "\n" + security.output());
    }

    @Test
    void notifiesReadyAndStopping(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3 to play systemd's notify socket");
        Path socket = dir.resolve("notify");
        // An AF_UNIX datagram socket, as systemd's: Java has no datagram channel for AF_UNIX.
        Process listener = new ProcessBuilder(PYTHON.toString(), "-u", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                s.bind(sys.argv[1])
                print("bound")
                while True:
                    print(s.recv(4096).decode().replace("\\n", "|"))
                """, socket.toString()).redirectErrorStream(true).start();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(messages::add);
            } catch (IOException e) {
                messages.add("listener failed: " + e);
            }
        });
        try {
            assertEquals("bound", messages.poll(10, TimeUnit.SECONDS));
            RunningServer server = RunningServer.startListening("workers:\n  count: 1\n", Map.of("NOTIFY_SOCKET", socket.toString()));
            try {
                String ready = messages.poll(60, TimeUnit.SECONDS);
                assertTrue(ready != null && ready.startsWith("READY=1|STATUS=listening on "), ready);
                assertEquals(200, server.get("/health").statusCode(), "READY=1 only once a worker is ready");
                server.process.destroy();
                String stopping = messages.poll(20, TimeUnit.SECONDS);
                assertTrue(stopping != null && stopping.startsWith("STOPPING=1"), stopping);
                assertTrue(server.process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, server.process.exitValue());
            } finally {
                server.close();
            }
        } finally {
            listener.destroy();
        }
    }

    /** The unit with ExecStart pointing at the image under test: verify insists the binary exists. */
    private static Path unitForThisImage(Path dir) throws IOException {
        Path unit = dir.resolve("assistant-api.service");
        String launcher = RunningServer.home().toAbsolutePath().resolve("bin/assistant-api").toString();
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/assistant-api/bin/assistant-api", launcher));
        return unit;
    }

    record Result(int exitCode, String output) {
    }

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " hangs");
        return new Result(process.exitValue(), output);
    }
}
