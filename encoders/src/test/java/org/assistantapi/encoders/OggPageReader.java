package org.assistantapi.encoders;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits an Ogg stream into pages and packets, recomputing each page's CRC, so tests can check every field. */
final class OggPageReader {

    /**
     * One page. {@code packets} are the packets that end on this page (a packet continued from the
     * previous page is joined whole).
     */
    record Page(int flags, long granulePosition, int serialNumber, int sequence, boolean crcValid,
                List<byte[]> packets) {

        boolean beginsStream() {
            return (flags & 0x02) != 0;
        }

        boolean endsStream() {
            return (flags & 0x04) != 0;
        }
    }

    private OggPageReader() {
    }

    static List<Page> read(byte[] stream) {
        List<Page> pages = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        int position = 0;
        while (position < stream.length) {
            ByteBuffer header = ByteBuffer.wrap(stream, position, stream.length - position).order(ByteOrder.LITTLE_ENDIAN);
            String capture = new String(stream, position, 4, StandardCharsets.US_ASCII);
            if (!capture.equals("OggS") || stream[position + 4] != 0) {
                throw new IllegalArgumentException("no Ogg page at byte " + position);
            }
            int flags = stream[position + 5] & 0xFF;
            long granule = header.getLong(position + 6);
            int serial = header.getInt(position + 14);
            int sequence = header.getInt(position + 18);
            int storedCrc = header.getInt(position + 22);
            int segments = stream[position + 26] & 0xFF;
            int bodyStart = position + 27 + segments;
            int bodyLength = 0;
            List<byte[]> packets = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int lacing = stream[position + 27 + s] & 0xFF;
                partial.write(stream, bodyStart + bodyLength, lacing);
                bodyLength += lacing;
                if (lacing < 255) {
                    packets.add(partial.toByteArray());
                    partial.reset();
                }
            }
            byte[] page = Arrays.copyOfRange(stream, position, bodyStart + bodyLength);
            Arrays.fill(page, 22, 26, (byte) 0);
            boolean crcValid = OggPageWriter.crc(page, 0, page.length) == storedCrc;
            pages.add(new Page(flags, granule, serial, sequence, crcValid, packets));
            position = bodyStart + bodyLength;
        }
        return pages;
    }
}
