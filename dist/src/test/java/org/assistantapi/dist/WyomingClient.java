package org.assistantapi.dist;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Wyoming peer written from the protocol's published description (rhasspy/wyoming's README):
 * each event is a JSON header line {@code {"type", "data"?, "data_length"?, "payload_length"?}},
 * then {@code data_length} bytes of JSON data that extend {@code data}, then
 * {@code payload_length} bytes of payload. Independent of the server's own reader and writer, so
 * the two check each other.
 */
final class WyomingClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An event as read: its header line as sent, its merged data, its payload. */
    record Event(String type, JsonNode header, ObjectNode data, byte[] payload) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    WyomingClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Sends an event with its data after the header (as the reference library does). */
    void send(String type, Map<String, ?> data) throws IOException {
        send(type, data, new byte[0]);
    }

    void send(String type, Map<String, ?> data, byte[] payload) throws IOException {
        ObjectNode header = JSON.createObjectNode().put("type", type).put("version", "1.7.2");
        byte[] dataBytes = data.isEmpty() ? new byte[0] : JSON.writeValueAsBytes(data);
        if (dataBytes.length > 0) {
            header.put("data_length", dataBytes.length);
        }
        if (payload.length > 0) {
            header.put("payload_length", payload.length);
        }
        sendRaw(JSON.writeValueAsString(header) + "\n");
        out.write(dataBytes);
        out.write(payload);
        out.flush();
    }

    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next event, or null once the server closed the connection. */
    Event read() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("closed inside a header");
            }
            line.write(b);
        }
        JsonNode header = JSON.readTree(line.toString(StandardCharsets.UTF_8));
        ObjectNode data = header.path("data").isObject() ? ((ObjectNode) header.get("data")).deepCopy() : JSON.createObjectNode();
        int dataLength = header.path("data_length").asInt(0);
        if (dataLength > 0) {
            data.setAll((ObjectNode) JSON.readTree(readExactly(dataLength)));
        }
        return new Event(header.path("type").asText(), header, data, readExactly(header.path("payload_length").asInt(0)));
    }

    /** The next event, which must be of this type. */
    Event expect(String type) throws IOException {
        Event event = read();
        if (event == null || !event.type().equals(type)) {
            throw new AssertionError("expected '" + type + "', got " + (event == null ? "end of stream" : event.type() + " " + event.data()));
        }
        return event;
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("closed after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
