package org.assistantapi.encoders;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Packs whole packets into Ogg pages of one logical stream (RFC 3533). Packets never span pages:
 * callers ask {@link #fits} and write the pending page first when a packet would not fit.
 */
final class OggPageWriter {

    private static final int MAX_SEGMENTS = 255;
    private static final int HEADER_SIZE = 27;
    private static final int FLAG_BEGINNING = 0x02;
    private static final int FLAG_END = 0x04;
    private static final int[] CRC_TABLE = crcTable();

    private final OutputStream out;
    private final int serialNumber;
    private final byte[] lacing = new byte[MAX_SEGMENTS];
    private int segments;
    private byte[] body = new byte[4096];
    private int bodyLength;
    private int sequence;

    OggPageWriter(OutputStream out, int serialNumber) {
        this.out = out;
        this.serialNumber = serialNumber;
    }

    /** Whether a packet of {@code length} bytes still fits on the pending page. */
    boolean fits(int length) {
        return segments + length / 255 + 1 <= MAX_SEGMENTS;
    }

    /** Adds a whole packet to the pending page; it must {@link #fits fit}. */
    void add(byte[] packet, int offset, int length) {
        if (!fits(length)) {
            throw new IllegalStateException("a " + length + "-byte packet does not fit on the page");
        }
        for (int rest = length; ; rest -= 255) {
            lacing[segments++] = (byte) Math.min(rest, 255);
            if (rest < 255) {
                break;
            }
        }
        if (bodyLength + length > body.length) {
            body = Arrays.copyOf(body, Math.max(2 * body.length, bodyLength + length));
        }
        System.arraycopy(packet, offset, body, bodyLength, length);
        bodyLength += length;
    }

    /**
     * Writes the pending packets as one page (marked beginning-of-stream if it is the first) ending at
     * {@code granulePosition}. Does not flush.
     */
    void writePage(long granulePosition, boolean endOfStream) throws IOException {
        byte[] page = new byte[HEADER_SIZE + segments + bodyLength];
        ByteBuffer header = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
        header.put("OggS".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0)                                                    // version
                .put((byte) ((sequence == 0 ? FLAG_BEGINNING : 0) | (endOfStream ? FLAG_END : 0)))
                .putLong(granulePosition)
                .putInt(serialNumber)
                .putInt(sequence++)
                .putInt(0)                                                        // CRC, set below
                .put((byte) segments)
                .put(lacing, 0, segments)
                .put(body, 0, bodyLength);
        header.putInt(22, crc(page, 0, page.length));
        out.write(page);
        segments = 0;
        bodyLength = 0;
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, initial 0, not reflected, no final XOR (unlike java.util.zip.CRC32). */
    static int crc(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ data[i]) & 0xFF];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
