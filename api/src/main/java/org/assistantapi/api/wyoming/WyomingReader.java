package org.assistantapi.api.wyoming;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads Wyoming events: a JSON header line, then {@code data_length} bytes of JSON data (merged
 * into the header's {@code data}), then {@code payload_length} bytes of payload. Every part has a
 * size limit, so a peer cannot make the server buffer without bound.
 */
final class WyomingReader {

    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_DATA_BYTES = 1024 * 1024;
    static final int MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;

    WyomingReader(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /** The next event, or null when the peer closed the connection between events. */
    WyomingEvent read() throws IOException, WyomingProtocolException {
        byte[] line = readLine();
        if (line == null) {
            return null;
        }
        ObjectNode header = object(line, "header");
        JsonNode type = header.path("type");
        if (!type.isTextual() || type.asText().isEmpty()) {
            throw new WyomingProtocolException("the header has no 'type'");
        }
        JsonNode inline = header.path("data");
        if (!inline.isMissingNode() && !inline.isNull() && !inline.isObject()) {
            throw new WyomingProtocolException("'data' must be an object");
        }
        ObjectNode data = inline.isObject() ? (ObjectNode) inline : JSON.createObjectNode();
        int dataLength = length(header, "data_length", MAX_DATA_BYTES);
        if (dataLength > 0) {
            data.setAll(object(readExactly(dataLength), "data"));
        }
        byte[] payload = readExactly(length(header, "payload_length", MAX_PAYLOAD_BYTES));
        return EventCodec.decode(new WyomingFrame(type.asText(), data, payload));
    }

    private byte[] readLine() throws IOException, WyomingProtocolException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a header");
            }
            if (line.size() == MAX_HEADER_BYTES) {
                throw new WyomingProtocolException("header line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("connection closed after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private static int length(ObjectNode header, String field, int max) throws WyomingProtocolException {
        JsonNode value = header.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 0 || value.intValue() > max) {
            throw new WyomingProtocolException("'" + field + "' must be a whole number from 0 to " + max);
        }
        return value.intValue();
    }

    private static ObjectNode object(byte[] json, String what) throws WyomingProtocolException {
        try {
            JsonNode node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new WyomingProtocolException("the " + what + " is not a JSON object");
    }
}
