package org.assistantapi.api.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.assistantapi.api.cli.VoicesCommand.Status;
import org.assistantapi.api.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code voices download} against a catalog on a loopback HTTP server. */
class VoicesCommandTest {

    private static final String TONES = "en_US-tones-medium";
    private static final String MULTI = "en_US-tonesmulti-low";

    @TempDir
    Path tmp;
    private LocalCatalog catalog;
    private Path voices;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    /**
     * How long a download may send nothing. The command's own default, so a loaded machine never
     * makes a normal download look stalled; only the stall test shortens it, to give up sooner.
     */
    private Duration stallTimeout = HttpFetcher.STALL_TIMEOUT;

    @BeforeEach
    void serveCatalog() throws Exception {
        catalog = LocalCatalog.serving(Files.createDirectory(tmp.resolve("catalog")), TONES, MULTI);
        voices = tmp.resolve("voices");
    }

    @AfterEach
    void stopCatalog() {
        catalog.close();
    }

    /** Runs the command with a configuration of these voice dirs and catalog. */
    private Status run(List<Path> dirs, URI catalogUrl, String... args) throws IOException {
        Path config = tmp.resolve("config.yaml");
        // port 1: no server there, so the command says so instead of asking someone's server on 8000
        StringBuilder yaml = new StringBuilder("server:\n  port: 1\nvoices:\n  catalog_url: " + catalogUrl + "\n  dirs:\n");
        dirs.forEach(dir -> yaml.append("    - ").append(dir).append('\n'));
        Files.writeString(config, yaml);
        List<String> all = new ArrayList<>(List.of("download", "--config", config.toString()));
        all.addAll(List.of(args));
        out.reset();
        err.reset();
        return command().execute(all, ServerConfig::load);
    }

    /** The command writing to {@link #out} and {@link #err}, not on a terminal. */
    private VoicesCommand command() {
        return new VoicesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false,
                new HttpFetcher(HttpFetcher.CONNECT_TIMEOUT, stallTimeout, Duration.ofMinutes(5)));
    }

    private Status run(String... ids) throws IOException {
        return run(List.of(voices), catalog.base(), ids);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private void assertInstalled(Path dir, String id) throws IOException {
        for (String suffix : List.of(".onnx", ".onnx.json")) {
            assertArrayEquals(Files.readAllBytes(LocalCatalog.TEST_VOICES.resolve(id + suffix)),
                    Files.readAllBytes(dir.resolve(id + suffix)), id + suffix);
        }
    }

    @Test
    void installsTheModelAndConfigByteForByteWithProgress() throws IOException {
        assertEquals(Status.OK, run(TONES), err());
        assertInstalled(voices, TONES);
        assertEquals(List.of(TONES + ".onnx", TONES + ".onnx.json"), names(voices), "no model card, no temp file");
        assertTrue(out().contains(TONES + ": installed in " + voices), out());
        assertTrue(err().contains(TONES + ".onnx 100% (1.7 kB of 1.7 kB)"), err());
        assertTrue(err().contains(TONES + ".onnx.json   0% (0 B of 7.4 kB)"), err());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(voices.resolve(TONES + ".onnx"))),
                "readable by the server's user");
        assertTrue(err().contains("no server answers at http://127.0.0.1:1 "), err());
    }

    @Test
    void aSecondRunFindsItInstalled() throws IOException {
        assertEquals(Status.OK, run(TONES));
        assertEquals(Status.OK, run(TONES));
        assertTrue(out().contains(TONES + ": already installed in " + voices), out());
        assertTrue(!err().contains("downloading"), err());
    }

    @Test
    void installsSeveralAndSkipsWhatIsThere() throws IOException {
        assertEquals(Status.OK, run(TONES));
        assertEquals(Status.OK, run(TONES, MULTI, TONES));
        assertInstalled(voices, MULTI);
        assertEquals(List.of(TONES + ": already installed in " + voices, MULTI + ": installed in " + voices), out().lines().toList());
    }

    @Test
    void aChangedFileIsReplaced() throws IOException {
        assertEquals(Status.OK, run(TONES));
        Files.writeString(voices.resolve(TONES + ".onnx.json"), "{}");
        assertEquals(Status.OK, run(TONES));
        assertInstalled(voices, TONES);
    }

    @Test
    void aCorruptFileFailsItsMd5AndInstallsNothing() throws IOException {
        Path model = catalog.served(TONES, ".onnx");
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x5a; // same size, other bytes
        Files.write(model, bytes);
        assertEquals(Status.FAILED, run(TONES));
        assertTrue(err().contains("error: " + TONES + " not installed: " + TONES + ".onnx: MD5 "), err());
        assertTrue(err().contains("does not match the catalog's"), err());
        assertEquals(List.of(), names(voices), "not even the config, which downloaded fine");
    }

    @Test
    void aTruncatedFileFailsItsSize() throws IOException {
        Path model = catalog.served(TONES, ".onnx");
        Files.write(model, Arrays.copyOf(Files.readAllBytes(model), 100));
        assertEquals(Status.FAILED, run(TONES));
        assertTrue(err().contains(TONES + ".onnx: received 100 bytes, the catalog says 1662"), err());
        assertEquals(List.of(), names(voices));
    }

    @Test
    void aMissingFileIsAnHttpErrorAndInstallsNothing() throws IOException {
        Files.delete(catalog.served(TONES, ".onnx"));
        assertEquals(Status.FAILED, run(TONES));
        assertTrue(err().contains("/en/en_US/tones/medium/" + TONES + ".onnx: HTTP 404"), err());
        assertEquals(List.of(), names(voices));
    }

    @Test
    void oneFailedVoiceDoesNotStopTheOthers() throws IOException {
        Files.delete(catalog.served(TONES, ".onnx"));
        assertEquals(Status.FAILED, run(TONES, MULTI));
        assertEquals(List.of(MULTI + ".onnx", MULTI + ".onnx.json"), names(voices));
    }

    @Test
    void aStalledDownloadTimesOutAndInstallsNothing() throws IOException {
        catalog.stall(catalog.served(TONES, ".onnx"));
        stallTimeout = Duration.ofSeconds(2);
        assertEquals(Status.FAILED, run(TONES));
        assertTrue(err().contains(TONES + ".onnx: no data for 2 s, giving up"), err());
        assertEquals(List.of(), names(voices));
    }

    /** A byte every 100 ms never stalls for 500 ms: only the whole command's deadline stops it. */
    @Test
    void aTricklingDownloadStopsAtTheTimeoutAndInstallsNothing() throws IOException {
        catalog.trickle(catalog.served(TONES, ".onnx"));
        long started = System.nanoTime();
        assertEquals(Status.FAILED, run(TONES, "--timeout", "2"));
        assertTrue(err().contains(TONES + ".onnx: not done within the --timeout of 2 s, giving up"), err());
        assertTrue(System.nanoTime() - started < java.util.concurrent.TimeUnit.SECONDS.toNanos(30), "it gave up");
        assertEquals(List.of(), names(voices));
        assertEquals(Status.USAGE, run(TONES, "--timeout", "0"));
    }

    @Test
    void anUnknownIdListsCloseMatchesAndDownloadsNothing() throws IOException {
        assertEquals(Status.FAILED, run(MULTI, "en_US-tones-mediun"));
        assertTrue(err().contains("error: no voice en_US-tones-mediun in the catalog; close matches: "
                + TONES + ", " + MULTI), err());
        assertEquals(List.of(), names(voices), "a typo costs no download");
        assertEquals(Status.FAILED, run("xx_XX-nobody-low"));
        assertTrue(err().contains("no voice xx_XX-nobody-low in the catalog; the list is " + catalog.base() + "/voices.json"), err());
    }

    @Test
    void anUnreachableCatalogIsAClearError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertEquals(Status.FAILED, run(List.of(voices), URI.create("http://127.0.0.1:" + closedPort), TONES));
        assertTrue(err().contains("error: cannot fetch http://127.0.0.1:" + closedPort + "/voices.json: cannot connect (refused or unreachable)"), err());
        assertTrue(!err().contains("\tat "), "no stack trace: " + err());
        assertEquals(Status.FAILED, run(List.of(voices), URI.create("http://catalog.invalid"), TONES));
        assertTrue(err().contains("error: cannot fetch http://catalog.invalid/voices.json: cannot resolve the host name"), err());
    }

    @Test
    void aCatalogThatIsNotJsonIsAClearError() throws IOException {
        Files.writeString(catalog.file("voices.json"), "<html>");
        assertEquals(Status.FAILED, run(TONES));
        assertTrue(err().contains("error: the voice catalog is not valid JSON"), err());
    }

    @Test
    void usesTheFirstWritableDirectoryCreatingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        Path uncreatable = file.resolve("voices");
        Path created = tmp.resolve("new/voices");
        assertEquals(Status.OK, run(List.of(file, uncreatable, created), catalog.base(), TONES), err());
        assertInstalled(created, TONES);
    }

    @Test
    void noWritableDirectoryNamesThem() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        Path uncreatable = file.resolve("voices");
        assertEquals(Status.FAILED, run(List.of(file, uncreatable), catalog.base(), TONES));
        assertTrue(err().contains("error: no writable voice directory: " + file + " (not a directory), "
                + uncreatable + " (cannot create: "), err());
    }

    @Test
    void findsAVoiceInstalledInAnyDirectory() throws IOException {
        Path other = tmp.resolve("other");
        assertEquals(Status.OK, run(List.of(other), catalog.base(), TONES));
        assertEquals(Status.OK, run(List.of(voices, other), catalog.base(), TONES));
        assertTrue(out().contains(TONES + ": already installed in " + other), out());
        assertEquals(List.of(), names(voices));
    }

    @Test
    void usageErrors() throws IOException {
        assertEquals(Status.USAGE, run());
        assertTrue(err().contains("name at least one voice"), err());
        assertEquals(Status.USAGE, run("--force", TONES));
        assertTrue(err().contains("unknown option --force"), err());
        assertEquals(Status.USAGE, run("../etc/passwd"));
        assertTrue(err().contains("'../etc/passwd' is not a voice id"), err());
        VoicesCommand command = command();
        assertEquals(Status.USAGE, command.execute(List.of(), ServerConfig::load));
        assertEquals(Status.USAGE, command.execute(List.of("list"), ServerConfig::load));
        assertTrue(err().contains("unknown voices command 'list'"), err());
        assertEquals(Status.USAGE, command.execute(List.of("download", "--config"), ServerConfig::load));
        out.reset();
        assertEquals(Status.OK, command.execute(List.of("--help"), ServerConfig::load));
        assertTrue(out().startsWith("Usage: assistant-api voices download"), out());
    }

    @Test
    void aConfigurationErrorFails() throws IOException {
        Path config = Files.writeString(tmp.resolve("bad.yaml"), "voices:\n  catalog_url: ftp://example.org\n");
        VoicesCommand command = command();
        assertEquals(Status.FAILED, command.execute(List.of("download", "--config", config.toString(), TONES), ServerConfig::load));
        assertTrue(err().contains("configuration error: bad value 'ftp://example.org' for 'voices.catalog_url'"), err());
    }
}
