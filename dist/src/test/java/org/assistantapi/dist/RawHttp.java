package org.assistantapi.dist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 over a plain socket, for requests no client library sends: hostile framing, raw paths.
 * A watchdog closes the socket after {@link #LIFETIME}, so a write the server never takes cannot
 * hang a test; what it cut off counts as a failure, not as the server closing.
 */
final class RawHttp implements AutoCloseable {

    static final Duration LIFETIME = Duration.ofSeconds(60);

    /** A response as it came: status, headers (names in lower case, last value wins), body. */
    record Response(int status, Map<String, String> headers, String body) {
        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicBoolean expired = new AtomicBoolean();

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(LIFETIME);
                expired.set(true);
                socket.close();
            } catch (InterruptedException | IOException e) {
                // the test is over
            }
        });
    }

    RawHttp send(String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Reads one response whose body has a Content-Length (every response these tests expect). */
    Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("the connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** True once the server has closed the connection (end of stream or a reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: the server closed with our bytes unread
        }
    }

    /** Writes {@code block} again and again until the server stops taking it or {@code max} bytes went; the bytes written. */
    long writeUntilRefused(byte[] block, long max) {
        long written = 0;
        try {
            while (written < max) {
                out.write(block);
                written += block.length;
            }
            out.flush();
        } catch (IOException e) {
            if (expired.get()) {
                throw new IllegalStateException("the server neither took nor refused the bytes within " + LIFETIME);
            }
            return written;
        }
        return written;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
