package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * SIGTERM drains: the server stops accepting, a stream in flight finishes within
 * {@code server.shutdown_grace_seconds} (or is cut off past it), then the workers stop and the
 * server exits 0.
 */
class ShutdownIT {

    /** Several seconds of synthesis: the long text, slowed down, into the costliest Opus setting. */
    private static final String SLOW_STREAM = """
            workers:
              count: 1
            encoders:
              opus_complexity: 10
            server:
              shutdown_grace_seconds: %d
            """;

    @Test
    void streamInFlightFinishesThenServerAndWorkersExit() throws Exception {
        try (RunningServer server = RunningServer.start(SLOW_STREAM.formatted(60))) {
            List<ProcessHandle> workers = server.workers();
            InFlight stream = InFlight.start(server);
            stream.firstBytes.await(30, TimeUnit.SECONDS);
            long termAt = System.nanoTime();
            server.process.destroy(); // SIGTERM

            byte[] audio = stream.body.get(60, TimeUnit.SECONDS);
            Ffmpeg.Decoded decoded = Ffmpeg.decode(audio, "ogg");
            assertTrue(decoded.seconds() > 300, "the whole text was spoken: " + decoded.seconds() + " s");
            assertTrue(server.process.waitFor(30, TimeUnit.SECONDS), "server still running");
            assertEquals(0, server.process.exitValue());
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, TimeUnit.SECONDS);
            }
            assertTrue(System.nanoTime() - termAt > TimeUnit.SECONDS.toNanos(1), "the server waited for the stream");
            String access = Files.readString(server.dir.resolve("logs/access.0.log"));
            assertTrue(access.contains("POST /v1/audio/speech status=200 voice=espeak:en-us format=opus"), access);
        }
    }

    @Test
    void streamPastTheGracePeriodIsCutOff() throws Exception {
        try (RunningServer server = RunningServer.start(SLOW_STREAM.formatted(1))) {
            List<ProcessHandle> workers = server.workers();
            InFlight stream = InFlight.start(server);
            stream.firstBytes.await(30, TimeUnit.SECONDS);
            server.process.destroy();

            ExecutionException cutOff = assertThrows(ExecutionException.class, () -> stream.body.get(30, TimeUnit.SECONDS));
            assertTrue(cutOff.getCause() instanceof IOException, cutOff.toString());
            assertTrue(server.process.waitFor(20, TimeUnit.SECONDS), "server still running");
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(worker.isAlive());
            }
        }
    }

    /** A long speech request read as fast as it comes, on its own thread. */
    private record InFlight(CountDownLatch firstBytes, CompletableFuture<byte[]> body) {

        static InFlight start(RunningServer server) throws Exception {
            String text = Files.readString(RunningServer.texts().resolve("long.txt"));
            String json = new ObjectMapper().writeValueAsString(Map.of(
                    "input", text, "voice", "espeak:en-us", "response_format", "opus", "speed", 0.5));
            HttpResponse<InputStream> response = server.http().send(HttpRequest.newBuilder(server.uri("/v1/audio/speech"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            InFlight stream = new InFlight(new CountDownLatch(1), new CompletableFuture<>());
            Thread.ofPlatform().daemon().start(() -> {
                try (InputStream in = response.body()) {
                    ByteArrayOutputStream audio = new ByteArrayOutputStream();
                    byte[] buffer = new byte[16 * 1024];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        audio.write(buffer, 0, n);
                        stream.firstBytes.countDown();
                    }
                    stream.body.complete(audio.toByteArray());
                } catch (IOException e) {
                    stream.body.completeExceptionally(e);
                }
            });
            return stream;
        }
    }
}
