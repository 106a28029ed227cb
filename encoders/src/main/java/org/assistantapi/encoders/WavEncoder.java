package org.assistantapi.encoders;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A streaming WAV: a RIFF header whose sizes are unknown when it is sent, written as 0xFFFFFFFF
 * as OpenAI does (players read to the end of the stream), followed by 16-bit PCM.
 */
final class WavEncoder implements AudioEncoder {

    private static final int UNKNOWN_SIZE = 0xFFFFFFFF;

    private final OutputStream out;
    private final PcmEncoder pcm;
    private final int sampleRate;
    private boolean headerWritten;

    WavEncoder(OutputStream out, int sampleRate) {
        this.out = out;
        this.pcm = new PcmEncoder(out);
        this.sampleRate = sampleRate;
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        writeHeaderOnce();
        pcm.encode(samples, offset, length);
    }

    @Override
    public void finish() throws IOException {
        writeHeaderOnce();
        pcm.finish();
    }

    @Override
    public void close() {
        pcm.close();
    }

    private void writeHeaderOnce() throws IOException {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        out.write(header(sampleRate));
    }

    static byte[] header(int sampleRate) {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(UNKNOWN_SIZE);
        header.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        header.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        header.putShort((short) 1).putShort((short) 1);           // PCM, mono
        header.putInt(sampleRate).putInt(sampleRate * 2);           // byte rate
        header.putShort((short) 2).putShort((short) 16);           // block align, bits
        header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(UNKNOWN_SIZE);
        return header.array();
    }
}
