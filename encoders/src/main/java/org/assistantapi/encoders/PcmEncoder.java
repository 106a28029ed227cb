package org.assistantapi.encoders;

import java.io.IOException;
import java.io.OutputStream;

/** Raw 16-bit little-endian mono samples, OpenAI's {@code pcm}. */
final class PcmEncoder implements AudioEncoder {

    private final OutputStream out;
    private byte[] buffer = new byte[0];

    PcmEncoder(OutputStream out) {
        this.out = out;
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        if (buffer.length < length * 2) {
            buffer = new byte[length * 2];
        }
        for (int i = 0; i < length; i++) {
            short s = samples[offset + i];
            buffer[2 * i] = (byte) s;
            buffer[2 * i + 1] = (byte) (s >> 8);
        }
        out.write(buffer, 0, length * 2);
        out.flush();
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
