package org.assistantapi.encoders;

import java.util.Arrays;

/** Packs bit fields most significant bit first, as FLAC lays them out. */
final class BitWriter {

    private byte[] bytes = new byte[8192];
    private int length;
    /** Pending bits, right-aligned; fewer than 8 once a write returns. */
    private long accumulator;
    private int pendingBits;

    /** Writes the low {@code bits} (at most 56) bits of {@code value}. */
    void write(long value, int bits) {
        accumulator = (accumulator << bits) | (value & ((1L << bits) - 1));
        pendingBits += bits;
        while (pendingBits >= 8) {
            pendingBits -= 8;
            put((byte) (accumulator >>> pendingBits));
        }
    }

    /** Writes {@code zeros} zero bits and a one: a unary number. */
    void writeUnary(int zeros) {
        for (int rest = zeros; rest > 0; rest -= 32) {
            write(0, Math.min(rest, 32));
        }
        write(1, 1);
    }

    /** Pads with zero bits to the next byte boundary. */
    void alignToByte() {
        if (pendingBits > 0) {
            write(0, 8 - pendingBits);
        }
    }

    /** Bytes completed so far. */
    int length() {
        return length;
    }

    byte[] buffer() {
        return bytes;
    }

    void reset() {
        length = 0;
        accumulator = 0;
        pendingBits = 0;
    }

    private void put(byte b) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, 2 * bytes.length);
        }
        bytes[length++] = b;
    }
}
