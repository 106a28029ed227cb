package org.assistantapi.api.wyoming;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes Wyoming events as the reference implementation does: data, when there is any, after the
 * header line with its {@code data_length}, then the payload. Safe for several threads: each event
 * is written and flushed whole.
 */
final class WyomingWriter {

    /** The protocol version written in headers: the reference library's that added streaming synthesis. */
    static final String VERSION = "1.7.2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OutputStream out;
    /** When the write under way began ({@link System#nanoTime}), or Long.MAX_VALUE between writes. */
    private volatile long writingSince = Long.MAX_VALUE;

    WyomingWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out);
    }

    synchronized void write(WyomingEvent event) throws IOException {
        writingSince = System.nanoTime();
        try {
            writeFrame(EventCodec.encode(event));
        } finally {
            writingSince = Long.MAX_VALUE;
        }
    }

    /** Whether a write has been blocked since before {@code nanoTime}: the peer takes nothing. */
    boolean blockedSince(long nanoTime) {
        long since = writingSince;
        return since != Long.MAX_VALUE && since - nanoTime < 0;
    }

    private void writeFrame(WyomingFrame frame) throws IOException {
        ObjectNode header = JSON.createObjectNode().put("type", frame.type()).put("version", VERSION);
        byte[] data = frame.data().isEmpty() ? new byte[0] : JSON.writeValueAsBytes(frame.data());
        if (data.length > 0) {
            header.put("data_length", data.length);
        }
        if (frame.payload().length > 0) {
            header.put("payload_length", frame.payload().length);
        }
        out.write(JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.write(data);
        out.write(frame.payload());
        out.flush();
    }
}
