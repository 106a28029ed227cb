package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assistant-api voices download} through the image's launcher, from a Piper catalog on a
 * loopback file server holding the project's tone test voice; then the server speaks with it.
 */
class VoiceDownloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOICE = "en_US-tones-medium";
    private static final String CATALOG_DIR = "en/en_US/tones/medium/";

    @TempDir
    static Path tmp;
    private static HttpServer catalog;

    /** A finished launcher run. */
    private record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void serveCatalog() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("catalog"));
        Files.createDirectories(root.resolve(CATALOG_DIR));
        Map<String, Object> files = new LinkedHashMap<>();
        for (String name : List.of(VOICE + ".onnx", VOICE + ".onnx.json")) {
            byte[] bytes = Files.readAllBytes(testVoices().resolve(name));
            Files.write(root.resolve(CATALOG_DIR + name), bytes);
            files.put(CATALOG_DIR + name, Map.of("size_bytes", bytes.length,
                    "md5_digest", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes))));
        }
        JSON.writeValue(root.resolve("voices.json").toFile(), Map.of(VOICE, Map.of("key", VOICE, "files", files)));
        catalog = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                root, SimpleFileServer.OutputLevel.NONE);
        catalog.start();
    }

    @AfterAll
    static void stopCatalog() {
        catalog.stop(0);
    }

    private static Path testVoices() {
        return RunningServer.repo().resolve("engines/src/test/voices");
    }

    /** A configuration whose only voice directory is {@code voices}, with the local catalog and no server (port 1). */
    private static Path config(Path voices) throws Exception {
        return config(voices, 1);
    }

    /** The same, for the server on {@code port}. */
    private static Path config(Path voices, int port) throws Exception {
        return Files.writeString(Files.createTempFile(tmp, "config", ".yaml"), "server:\n  port: " + port
                + "\nvoices:\n  dirs:\n    - " + voices
                + "\n  catalog_url: http://127.0.0.1:" + catalog.getAddress().getPort() + "\n");
    }

    private static Run launch(String... args) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        List<String> command = new ArrayList<>(List.of(RunningServer.home().resolve("bin/assistant-api").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "voices download finished");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void downloadsAVoiceThatTheServerThenLists() throws Exception {
        Path voices = tmp.resolve("voices");
        Path config = config(voices);
        Run first = launch("voices", "download", "--config", config.toString(), VOICE);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(VOICE + ": installed in " + voices + "\n", first.out());
        assertTrue(first.err().contains(VOICE + ".onnx 100%"), "progress: " + first.err());
        assertTrue(first.err().contains("no server answers at http://127.0.0.1:1 "), first.err());
        for (String suffix : List.of(".onnx", ".onnx.json")) {
            assertArrayEquals(Files.readAllBytes(testVoices().resolve(VOICE + suffix)), Files.readAllBytes(voices.resolve(VOICE + suffix)));
        }

        Run second = launch("voices", "download", "--config", config.toString(), VOICE);
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(VOICE + ": already installed in " + voices + "\n", second.out());

        try (RunningServer server = RunningServer.start("workers:\n  count: 1\nvoices:\n  dirs:\n    - " + voices + "\n")) {
            JsonNode listed = JSON.readTree(server.get("/v1/audio/voices").body());
            assertTrue(listed.get("data").findValuesAsText("id").contains(VOICE), listed.toString());
        }
    }

    @Test
    void aRunningServerOffersTheVoiceWithoutARestartAndTheCommandSaysSo() throws Exception {
        Path voices = Files.createDirectories(tmp.resolve("live"));
        try (RunningServer server = RunningServer.start("workers:\n  count: 2\nvoices:\n  dirs:\n    - " + voices + "\n")) {
            Run run = launch("voices", "download", "--config", config(voices, server.port).toString(), VOICE);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.err().contains("the server at http://127.0.0.1:" + server.port + " offers " + VOICE + " now"), run.err());
            JsonNode listed = JSON.readTree(server.get("/v1/audio/voices").body());
            assertTrue(listed.get("data").findValuesAsText("id").contains(VOICE), listed.toString());
            HttpResponse<byte[]> spoken = server.postJson("/v1/audio/speech",
                    "{\"model\":\"tts-1\",\"voice\":\"" + VOICE + "\",\"input\":\"New here.\",\"response_format\":\"wav\"}");
            assertEquals(200, spoken.statusCode());
            assertEquals(22050, Wav.parse(spoken.body()).sampleRate());
        }
    }

    @Test
    void anUnknownVoiceFailsWithSuggestions() throws Exception {
        Path voices = tmp.resolve("unknown");
        Run run = launch("voices", "download", "--config", config(voices).toString(), "en_US-tones-high");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("no voice en_US-tones-high in the catalog; close matches: " + VOICE), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        assertTrue(!Files.exists(voices), "nothing installed, no directory made");
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Run noId = launch("voices", "download");
        assertEquals(2, noId.exitCode(), noId.err());
        assertTrue(noId.err().contains("Usage: assistant-api voices download"), noId.err());
        Run help = launch("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("assistant-api voices download [--config PATH] VOICE_ID..."), help.out());
    }
}
