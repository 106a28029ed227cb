package org.assistantapi.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server, started through the runtime image's launcher on a free loopback port with a
 * configuration written for the test; stopped (and its workers with it) on close.
 */
final class RunningServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on ([^:]+):(\\d+)");

    final Process process;
    final int port;
    final Path dir;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static Path home() {
        return Path.of(System.getProperty("assistantapi.home", "target/assistant-api"));
    }

    static Path repo() {
        return Path.of(System.getProperty("assistantapi.repo", "..")).toAbsolutePath().normalize();
    }

    /** A loopback port free a moment ago, for a listener the server opens itself (Wyoming). */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The repository's own test texts ({@code testdata/texts}). */
    static Path texts() {
        return repo().resolve("testdata/texts");
    }

    /** Starts a server whose YAML is {@code yaml} plus a private log directory, and waits until it is healthy. */
    static RunningServer start(String yaml) throws Exception {
        RunningServer server = startListening(yaml);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    /** Starts a server and waits only until it listens, healthy or not. */
    static RunningServer startListening(String yaml) throws Exception {
        return startListening(yaml, Map.of());
    }

    /** Starts a server with these extra environment variables and waits only until it listens. */
    static RunningServer startListening(String yaml, Map<String, String> environment) throws Exception {
        Path dir = ScratchFiles.directory("server");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "logging:\n  dir: " + dir.resolve("logs") + "\n" + yaml);
        ProcessBuilder builder = new ProcessBuilder(home().resolve("bin/assistant-api").toString(),
                "serve", "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("server exited: " + output));
        });
        RunningServer server = new RunningServer(process, port.get(60, TimeUnit.SECONDS), dir);
        server.output.addAll(output);
        return server;
    }

    void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = get("/health");
                if (health.statusCode() == 200 && health.body().contains("\"status\":\"ok\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not healthy within " + timeout);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpClient http() {
        return http;
    }

    /** The worker processes: the server's child JVMs. */
    List<ProcessHandle> workers() {
        return process.toHandle().children().toList();
    }

    @Override
    public void close() throws Exception {
        List<ProcessHandle> workers = workers();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle worker : workers) {
            worker.onExit().get(20, TimeUnit.SECONDS);
        }
    }
}
