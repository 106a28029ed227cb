package org.assistantapi.dist.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assistantapi.dist.ScratchFiles;

/**
 * The real server, started through the runtime image's launcher
 * ({@code <home>/bin/assistant-api serve --config <tmp yaml> --port 0}) on a free loopback port, as
 * the integration tests' {@code RunningServer} does; stopped, workers too, on close.
 */
final class LaunchedServer implements Target {

    private static final Pattern LISTENING = Pattern.compile("listening on ([^:\\s]+):(\\d+)");
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private final Process process;
    private final URI base;
    private final Path dir;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LaunchedServer(Process process, URI base, Path dir) {
        this.process = process;
        this.base = base;
        this.dir = dir;
    }

    /**
     * Starts the server with {@code yaml} as its configuration (plus a private log directory) and
     * waits until every worker is up.
     */
    static LaunchedServer start(Path home, String yaml) throws Exception {
        Path dir = Files.createTempDirectory("assistant-api-load");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "logging:\n  dir: " + dir.resolve("logs") + "\n" + yaml);
        Process process = new ProcessBuilder(home.resolve("bin/assistant-api").toString(),
                "serve", "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true)
                .start();
        LaunchedServer server = new LaunchedServer(process, listeningOn(process), dir);
        try {
            server.awaitFullStrength();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public Optional<ServerProcesses> processes() {
        return Optional.of(new ServerProcesses(process.toHandle()));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ProcessHandle> workers = process.toHandle().children().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle worker : workers) {
                worker.onExit().get(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.forEach(ProcessHandle::destroyForcibly);
        } catch (ExecutionException | TimeoutException e) {
            workers.forEach(ProcessHandle::destroyForcibly);
        }
        ScratchFiles.deleteRecursively(dir);
    }

    /** Reads the server's output until it says where it listens (and drains it from then on). */
    private static URI listeningOn(Process process) throws Exception {
        CompletableFuture<URI> base = new CompletableFuture<>();
        Deque<String> lastLines = new ArrayDeque<>();
        Thread.ofPlatform().daemon().name("server-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (lastLines) {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        base.complete(URI.create("http://" + m.group(1) + ":" + m.group(2)));
                    }
                }
            } catch (IOException e) {
                base.completeExceptionally(e);
            }
            synchronized (lastLines) {
                base.completeExceptionally(new IllegalStateException("server exited: " + String.join("\n", lastLines)));
            }
        });
        try {
            return base.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private void awaitFullStrength() throws InterruptedException {
        ApiClient api = new ApiClient(base);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.health().fullStrength()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not answering yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server at " + base + " not at full strength within " + START_LIMIT);
    }

}
