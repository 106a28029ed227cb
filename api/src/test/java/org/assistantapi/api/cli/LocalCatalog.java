package org.assistantapi.api.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;

/**
 * A Piper voice catalog on a loopback file server: the project's test voices at catalog paths
 * ({@code en/en_US/<name>/<quality>/<id>.onnx}, a model card beside them) and a
 * {@code voices.json} with their real sizes and MD5s. Tests break it by editing the served tree.
 */
final class LocalCatalog implements AutoCloseable {

    static final Path TEST_VOICES = Path.of("../engines/src/test/voices").toAbsolutePath().normalize();

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final Set<Path> stalled = ConcurrentHashMap.newKeySet();
    private final Set<Path> trickled = ConcurrentHashMap.newKeySet();

    private LocalCatalog(Path root) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpHandler files = SimpleFileServer.createFileHandler(root);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1));
            if (stalled.contains(file)) {
                stall(exchange, file);
            } else if (trickled.contains(file)) {
                trickle(exchange, file);
            } else {
                files.handle(exchange);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code ids} (test voices, e.g. en_US-tones-medium) from a new tree under {@code root}. */
    static LocalCatalog serving(Path root, String... ids) throws IOException, NoSuchAlgorithmException {
        Map<String, Object> catalog = new LinkedHashMap<>();
        for (String id : ids) {
            String[] parts = id.split("-");
            String dir = dir(id);
            Files.createDirectories(root.resolve(dir));
            Map<String, Object> files = new LinkedHashMap<>();
            for (String name : new String[] {id + ".onnx", id + ".onnx.json"}) {
                Files.copy(TEST_VOICES.resolve(name), root.resolve(dir + name));
                files.put(dir + name, fileEntry(root.resolve(dir + name)));
            }
            Files.writeString(root.resolve(dir + "MODEL_CARD"), "# test voice\n");
            files.put(dir + "MODEL_CARD", fileEntry(root.resolve(dir + "MODEL_CARD")));
            catalog.put(id, Map.of(
                    "key", id,
                    "name", parts[1],
                    "language", Map.of("code", parts[0], "family", "en", "region", "US"),
                    "quality", parts[2],
                    "num_speakers", 1,
                    "speaker_id_map", Map.of(),
                    "files", files,
                    "aliases", new String[0]));
        }
        new ObjectMapper().writeValue(root.resolve("voices.json").toFile(), catalog);
        return new LocalCatalog(root);
    }

    private static Map<String, Object> fileEntry(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] bytes = Files.readAllBytes(file);
        return Map.of("size_bytes", bytes.length,
                "md5_digest", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A served file by its path below the base URL, e.g. {@code voices.json}. */
    Path file(String path) {
        return root.resolve(path);
    }

    /** The served copy of a voice's file, e.g. {@code served("en_US-tones-medium", ".onnx")}. */
    Path served(String id, String suffix) {
        return file(dir(id) + id + suffix);
    }

    /** Where the catalog keeps a voice, e.g. {@code en/en_US/tones/medium/}. */
    private static String dir(String id) {
        String[] parts = id.split("-"); // locale, name, quality
        return "en/" + parts[0] + "/" + parts[1] + "/" + parts[2] + "/";
    }

    /** From now on {@code file} sends its headers and one byte, then nothing until close. */
    void stall(Path file) {
        stalled.add(file);
    }

    /** From now on {@code file} sends its headers, then one byte every 100 ms until close. */
    void trickle(Path file) {
        trickled.add(file);
    }

    private void trickle(HttpExchange exchange, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream body = exchange.getResponseBody()) {
            for (int i = 0; i < bytes.length && !release.await(100, java.util.concurrent.TimeUnit.MILLISECONDS); i++) {
                body.write(bytes[i]);
                body.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up
        }
    }

    private void stall(HttpExchange exchange, Path file) throws IOException {
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(Files.readAllBytes(file), 0, 1);
            body.flush();
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.close();
    }
}
