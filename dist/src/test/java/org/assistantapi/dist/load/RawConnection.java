package org.assistantapi.dist.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One TCP connection to the server under test, for requests no well-behaved HTTP client sends
 * (hostile framing, endless header lines, a reader that never reads), and for many small requests
 * on one keep-alive connection at little cost to the machine ({@link #exchange}). Every connection
 * is closed by a watchdog after {@code lifetime} whatever it is doing, so a blocked write cannot
 * outlive the run. Loopback only.
 */
final class RawConnection implements AutoCloseable {

    /** A response read whole: its status and its body (framed by Content-Length). */
    record Response(int status, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static RawConnection open(URI base, Duration lifetime) throws IOException {
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the load tool only talks to loopback, not " + base);
        }
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        socket.setSoTimeout(10_000);
        RawConnection connection = new RawConnection(socket);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(lifetime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection.close();
        });
        return connection;
    }

    /** A request with a JSON body and its length, as a client that means well sends it. */
    static String jsonRequest(String method, String path, String json) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends a request and reads its response whole, leaving the connection open for the next: a
     * client's many small requests (an LLM-paced session's appends) at a fraction of what the
     * JDK's HttpClient costs the machine, which hands every exchange between its threads (~1.9 ms
     * of CPU per append here, against ~0.5 ms on this connection; docs/developer/benchmarks.md).
     */
    Response exchange(String request) throws IOException {
        send(request);
        int status = readStatus();
        if (status < 0) {
            throw new IOException("no HTTP/1.1 response");
        }
        int length = 0;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
        }
        return new Response(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    /** Writes {@code total} bytes of {@code fill}, stopping early if the server closes the connection. */
    long sendFill(byte fill, long total) {
        byte[] block = new byte[64 * 1024];
        java.util.Arrays.fill(block, fill);
        long sent = 0;
        try {
            while (sent < total) {
                int n = (int) Math.min(block.length, total - sent);
                out.write(block, 0, n);
                sent += n;
            }
            out.flush();
        } catch (IOException e) {
            // the server closed the connection: what a bounded server should do
        }
        return sent;
    }

    /**
     * The status code of the next response, or -1 if the connection closed (or said nothing for
     * 10 s) before a status line.
     */
    int readStatus() {
        try {
            String line = readLine();
            return line.startsWith("HTTP/1.1 ") && line.length() >= 12 ? Integer.parseInt(line.substring(9, 12)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Reads and drops up to {@code limit} bytes, until the server closes or {@code time} is up. */
    long drain(long limit, Duration time) {
        long deadline = System.nanoTime() + time.toNanos();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            while (total < limit && System.nanoTime() < deadline) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (SocketTimeoutException e) {
            // the server sent nothing for a while: stop reading
        } catch (IOException e) {
            // closed
        }
        return total;
    }

    /** Whether the server has closed its side: a read returns end of stream within {@code wait}. */
    boolean closedByServer(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buffer = new byte[16 * 1024];
        try {
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
        return false;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n' && line.size() < 8192; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1).strip();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
