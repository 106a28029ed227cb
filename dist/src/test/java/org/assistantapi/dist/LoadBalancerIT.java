package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two real instances behind a real nginx running dist/nginx/assistant-api.conf, with only the
 * instances' addresses and the listen address filled in: one-shot requests spread over both,
 * sessions work through nginx on whichever instance they land, and when an instance stops the
 * other keeps serving while its sessions fail at once with a JSON error.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOICE = "en_US-tones-medium";
    private static final Path SHIPPED = RunningServer.repo().resolve("dist/nginx/assistant-api.conf");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The instances by their server.instance_id, as the shipped configuration names them. */
    private static final Map<String, RunningServer> INSTANCES = new HashMap<>();
    private static Nginx nginx;

    @BeforeAll
    static void start() throws Exception {
        String binary = Nginx.binary();
        Assumptions.assumeTrue(binary != null,
                "nginx is not installed: run dist/scripts/prerequisites.sh test as root (or apt-get install nginx)");
        for (String id : List.of("tts-a", "tts-b")) {
            INSTANCES.put(id, RunningServer.start(SessionsIT.config("server:\n  instance_id: " + id
                    + "\nworkers:\n  count: 1\n")));
        }
        String withInstances = replaceAll(replaceAll(Files.readString(SHIPPED),
                "127.0.0.1:8001", "127.0.0.1:" + INSTANCES.get("tts-a").port, 2),
                "127.0.0.1:8002", "127.0.0.1:" + INSTANCES.get("tts-b").port, 2);
        nginx = Nginx.start(binary, port -> replaceAll(withInstances, "listen 8080;", "listen 127.0.0.1:" + port + ";", 1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.stop();
        }
        for (RunningServer instance : INSTANCES.values()) {
            instance.close();
        }
    }

    @Test
    @Order(1)
    void theShippedConfigurationIsValid() throws Exception {
        Nginx.check(Nginx.binary(), SHIPPED);
    }

    @Test
    @Order(2)
    void oneShotRequestsSpreadOverBothInstances() throws Exception {
        Map<String, Integer> before = oneShotCounts();
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            responses.add(HTTP.sendAsync(post("/v1/audio/speech",
                    "{\"input\":\"Request " + i + " is being spoken now.\",\"voice\":\"" + VOICE + "\",\"response_format\":\"wav\"}"),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (CompletableFuture<HttpResponse<byte[]>> response : responses) {
            HttpResponse<byte[]> done = response.get(60, TimeUnit.SECONDS);
            assertEquals(200, done.statusCode(), new String(done.body()));
            assertTrue(Wav.parse(done.body()).seconds() > 0.5);
        }
        // Each instance's own access log: 20 one-shot requests in all, some on each.
        Map<String, Integer> served = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            Thread.sleep(100);
            Map<String, Integer> now = oneShotCounts();
            now.forEach((id, count) -> served.put(id, count - before.get(id)));
        } while (served.values().stream().mapToInt(Integer::intValue).sum() < 20 && System.nanoTime() < deadline);
        assertEquals(20, served.values().stream().mapToInt(Integer::intValue).sum(), "served: " + served);
        assertTrue(served.values().stream().allMatch(count -> count > 0), "both instances serve: " + served);
    }

    @Test
    @Order(3)
    void sessionsWorkThroughNginxOnEitherInstance() throws Exception {
        Map<String, String> sessions = sessionOnEachInstance();
        short[] expected = Wav.parse(INSTANCES.get("tts-a").postJson("/v1/audio/speech",
                "{\"input\":\"The weather today is sunny.\",\"voice\":\"" + VOICE + "\",\"response_format\":\"wav\"}").body()).samples();
        for (String id : sessions.values()) {
            CompletableFuture<HttpResponse<InputStream>> audio = HTTP.sendAsync(
                    HttpRequest.newBuilder(nginx.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, send(post("/v1/audio/speech/sessions/" + id + "/append",
                    "{\"text\":\"The weather\",\"flush\":false}")).statusCode());
            assertEquals(200, send(post("/v1/audio/speech/sessions/" + id + "/append",
                    "{\"text\":\" today is sunny.\",\"flush\":true}")).statusCode());
            HttpResponse<InputStream> response = audio.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            // The audio comes through nginx while the session is still open: nothing holds it back.
            byte[] start = CompletableFuture.supplyAsync(() -> readNBytes(response.body(), 44 + 2 * expected.length),
                    Executors.newVirtualThreadPerTaskExecutor()).get(10, TimeUnit.SECONDS);
            assertEquals(200, send(post("/v1/audio/speech/sessions/" + id + "/close", "{}")).statusCode());
            byte[] rest = response.body().readAllBytes();
            assertEquals(0, rest.length, "the session's audio is one sentence");
            assertArrayEquals(expected, Wav.parse(start).samples(), "session " + id);
        }
        SpeechErrorsIT.assertOpenAiError(send(post("/v1/audio/speech/sessions/tts-z.AAAAAAAAAAAAAAAAAAAAAA/append",
                "{\"text\":\"hi\"}")), 404, "session_not_found", null);
        SpeechErrorsIT.assertOpenAiError(send(post("/v1/audio/speech/sessions/nope/append", "{\"text\":\"hi\"}")),
                404, "session_not_found", null);
    }

    @Test
    @Order(4)
    void whenAnInstanceStopsTheOtherServesAndItsSessionsFailAtOnce() throws Exception {
        Map<String, String> sessions = sessionOnEachInstance();
        INSTANCES.get("tts-b").close();
        for (int i = 0; i < 6; i++) {
            HttpResponse<byte[]> response = send(post("/v1/audio/speech",
                    "{\"input\":\"Still here.\",\"voice\":\"" + VOICE + "\",\"response_format\":\"wav\"}"));
            assertEquals(200, response.statusCode(), new String(response.body()));
            assertTrue(Wav.parse(response.body()).seconds() > 0.2);
        }
        String lost = sessions.get("tts-b");
        long start = System.nanoTime();
        SpeechErrorsIT.assertOpenAiError(send(post("/v1/audio/speech/sessions/" + lost + "/append", "{\"text\":\"hi\"}")),
                503, "instance_unavailable", null);
        HttpResponse<byte[]> audio = HTTP.send(HttpRequest.newBuilder(nginx.uri("/v1/audio/speech/sessions/" + lost + "/audio"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        SpeechErrorsIT.assertOpenAiError(audio, 503, "instance_unavailable", null);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "a lost session fails at once");
        String kept = sessions.get("tts-a");
        assertEquals(200, send(post("/v1/audio/speech/sessions/" + kept + "/cancel", "{}")).statusCode());
    }

    /** Creates sessions through nginx until one landed on each instance; cancels the rest. */
    private static Map<String, String> sessionOnEachInstance() throws Exception {
        Map<String, String> byInstance = new HashMap<>();
        for (int i = 0; i < 10 && byInstance.size() < INSTANCES.size(); i++) {
            HttpResponse<byte[]> created = send(post("/v1/audio/speech/sessions",
                    "{\"voice\":\"" + VOICE + "\",\"response_format\":\"wav\"}"));
            assertEquals(201, created.statusCode(), new String(created.body()));
            String id = JSON.readTree(created.body()).get("id").textValue();
            String instance = id.substring(0, id.indexOf('.'));
            assertTrue(INSTANCES.containsKey(instance), id);
            if (byInstance.putIfAbsent(instance, id) != null) {
                assertEquals(200, send(post("/v1/audio/speech/sessions/" + id + "/cancel", "{}")).statusCode());
            }
        }
        assertEquals(INSTANCES.keySet(), byInstance.keySet(), "sessions were created on every instance");
        return byInstance;
    }

    /** One-shot requests each instance has logged in its own access log. */
    private static Map<String, Integer> oneShotCounts() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (Map.Entry<String, RunningServer> instance : INSTANCES.entrySet()) {
            Path log = instance.getValue().dir.resolve("logs/access.0.log");
            int count = Files.exists(log)
                    ? (int) Files.readAllLines(log).stream().filter(line -> line.contains(" POST /v1/audio/speech status=")).count()
                    : 0;
            counts.put(instance.getKey(), count);
        }
        return counts;
    }

    private static byte[] readNBytes(InputStream in, int count) {
        try {
            return in.readNBytes(count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(nginx.uri(path)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<byte[]> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String replaceAll(String text, String target, String replacement, int expected) {
        int found = text.split(Pattern.quote(target), -1).length - 1;
        assertEquals(expected, found, "'" + target + "' in " + SHIPPED);
        return text.replace(target, replacement);
    }

    /** nginx in the foreground with its own prefix, logs and temporary files under a temporary directory. */
    private static final class Nginx {

        private final Process process;
        private final Path dir;
        private final int port;

        private Nginx(Process process, Path dir, int port) {
            this.process = process;
            this.dir = dir;
            this.port = port;
        }

        /** The nginx binary, or null if it is not installed. */
        static String binary() {
            for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return candidate;
                }
            }
            return null;
        }

        /** {@code nginx -t} of a main configuration that includes {@code conf} in its http block. */
        static void check(String binary, Path conf) throws Exception {
            Path dir = prefix();
            Files.writeString(dir.resolve("nginx.conf"), main(dir, conf));
            Process test = command(binary, dir, "").redirectErrorStream(true).start();
            String output = new String(test.getInputStream().readAllBytes());
            assertTrue(test.waitFor(30, TimeUnit.SECONDS));
            ScratchFiles.deleteRecursively(dir);
            assertEquals(0, test.exitValue(), output);
        }

        /** Starts nginx on a free loopback port with the configuration {@code conf} makes for it. */
        static Nginx start(String binary, IntFunction<String> conf) throws Exception {
            Path dir = prefix();
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Files.writeString(dir.resolve("assistant-api.conf"), conf.apply(port));
            Files.writeString(dir.resolve("nginx.conf"), main(dir, dir.resolve("assistant-api.conf")));
            Process process = command(binary, dir, "daemon off; pid " + dir.resolve("nginx.pid") + ";")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Nginx nginx = new Nginx(process, dir, port);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                try {
                    new Socket(InetAddress.getLoopbackAddress(), port).close();
                    return nginx;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        String errors = Files.readString(dir.resolve("error.log"));
                        nginx.stop();
                        throw new IllegalStateException("nginx did not start: " + errors);
                    }
                    Thread.sleep(50);
                }
            }
        }

        private static Path prefix() throws IOException {
            // nginx's workers run as nobody when it starts as root: they must reach the temporary
            // files, which target/ under a private home may not let them; so /tmp, deleted after.
            return Files.createTempDirectory("assistant-api-nginx", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwxr-xr-x")));
        }

        private static ProcessBuilder command(String binary, Path dir, String directives) {
            List<String> command = new ArrayList<>(List.of(binary, "-p", dir + "/", "-e", dir.resolve("error.log").toString(),
                    "-c", dir.resolve("nginx.conf").toString()));
            if (directives.isEmpty()) {
                command.addAll(List.of("-t", "-g", "pid " + dir.resolve("nginx.pid") + ";"));
            } else {
                command.addAll(List.of("-g", directives));
            }
            return new ProcessBuilder(command);
        }

        private static String main(Path dir, Path include) {
            return """
                    worker_processes 1;
                    events { worker_connections 256; }
                    http {
                        access_log %1$s/access.log;
                        client_body_temp_path %1$s/client_body;
                        proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi;
                        uwsgi_temp_path %1$s/uwsgi;
                        scgi_temp_path %1$s/scgi;
                        include %2$s;
                    }
                    """.formatted(dir, include);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Stops nginx and waits for its workers. */
        void stop() throws Exception {
            List<ProcessHandle> workers = process.toHandle().children().toList();
            process.destroy(); // SIGTERM: nginx's fast shutdown
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle worker : workers) {
                worker.onExit().get(10, TimeUnit.SECONDS);
            }
            ScratchFiles.deleteRecursively(dir);
        }
    }
}
