package org.assistantapi.encoders;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Streaming 16-bit mono FLAC: the {@code fLaC} marker and a STREAMINFO whose total length and MD5 are
 * left unknown (zero), as the format allows for streams, then one frame per block of about 100 ms,
 * written and flushed as soon as the block is full. Frames are self-contained (their header repeats the
 * rate), so a client can start decoding at any frame.
 */
final class FlacEncoder implements AudioEncoder {

    private static final int BITS_PER_SAMPLE = 16;
    private static final int SYNC = 0xFFF8;                // sync code, fixed block size
    private static final int BLOCK_SIZE_16_BIT = 0b0111;  // block size - 1 follows in 16 bits
    private static final int RATE_16_BIT_HZ = 0b1101;     // rate in Hz follows in 16 bits
    private static final int MONO = 0b0000;
    private static final int SAMPLE_SIZE_16 = 0b100;

    private final OutputStream out;
    private final int sampleRate;
    private final int blockSize;
    private final int[] block;
    private final BitWriter bits = new BitWriter();
    private final FlacSubframeEncoder subframes = new FlacSubframeEncoder();
    private int blockFill;
    private long frameNumber;
    private boolean headerWritten;

    /** @param withHeader false to continue a stream whose header another encoder already wrote */
    FlacEncoder(int sampleRate, OutputStream out, boolean withHeader) {
        if (sampleRate > 0xFFFF) {
            throw new IllegalArgumentException("FLAC frames here carry rates up to 65535 Hz, not " + sampleRate);
        }
        this.out = out;
        this.sampleRate = sampleRate;
        this.blockSize = blockSizeFor(sampleRate);
        this.block = new int[blockSize];
        this.headerWritten = !withHeader;
    }

    /** The largest power of two from 256 to 4096 samples not longer than 100 ms: short, yet efficient. */
    static int blockSizeFor(int sampleRate) {
        return Math.clamp(Integer.highestOneBit(sampleRate / 10), 256, 4096);
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        writeHeaderOnce();
        for (int i = 0; i < length; i++) {
            block[blockFill++] = samples[offset + i];
            if (blockFill == blockSize) {
                writeFrame();
            }
        }
    }

    @Override
    public void finish() throws IOException {
        writeHeaderOnce();
        if (blockFill > 0) {
            writeFrame();
        }
        out.flush();
    }

    @Override
    public void close() {
        // Nothing held.
    }

    private void writeHeaderOnce() throws IOException {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        bits.reset();
        bits.write('f', 8);
        bits.write('L', 8);
        bits.write('a', 8);
        bits.write('C', 8);
        bits.write(1, 1);                       // last metadata block
        bits.write(0, 7);                       // STREAMINFO
        bits.write(34, 24);                     // its length
        bits.write(blockSize, 16);              // minimum block size (the last block may be shorter)
        bits.write(blockSize, 16);              // maximum block size
        bits.write(0, 24);                      // minimum frame size: unknown
        bits.write(0, 24);                      // maximum frame size: unknown
        bits.write(sampleRate, 20);
        bits.write(0, 3);                       // channels - 1
        bits.write(BITS_PER_SAMPLE - 1, 5);
        bits.write(0, 36);                      // total samples: unknown while streaming
        for (int i = 0; i < 4; i++) {
            bits.write(0, 32);                  // MD5 of the audio: unknown while streaming
        }
        out.write(bits.buffer(), 0, bits.length());
    }

    private void writeFrame() throws IOException {
        bits.reset();
        bits.write(SYNC, 16);
        bits.write(BLOCK_SIZE_16_BIT, 4);
        bits.write(RATE_16_BIT_HZ, 4);
        bits.write(MONO, 4);
        bits.write(SAMPLE_SIZE_16, 3);
        bits.write(0, 1);
        writeUtf8Number(frameNumber++);
        bits.write(blockFill - 1, 16);
        bits.write(sampleRate, 16);
        bits.write(crc8(bits.buffer(), bits.length()), 8);
        subframes.write(block, blockFill, bits);
        bits.alignToByte();
        bits.write(crc16(bits.buffer(), bits.length()), 16);
        out.write(bits.buffer(), 0, bits.length());
        out.flush();
        blockFill = 0;
    }

    /** FLAC's frame number coding: UTF-8's scheme extended to 36 bits. */
    private void writeUtf8Number(long value) {
        if (value < 0x80) {
            bits.write(value, 8);
            return;
        }
        int continuation = 1;                   // bytes after the first; n of them carry 5n + 6 bits
        while (value >= 1L << (5 * continuation + 6)) {
            continuation++;
        }
        bits.write((0xFF00 >> (continuation + 1)) & 0xFF | (value >>> (6 * continuation)), 8);
        for (int i = continuation - 1; i >= 0; i--) {
            bits.write(0x80 | ((value >>> (6 * i)) & 0x3F), 8);
        }
    }

    /** CRC-8, polynomial x^8 + x^2 + x + 1, initial 0, over the frame header. */
    static int crc8(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    /** CRC-16, polynomial x^16 + x^15 + x^2 + 1, initial 0, over the whole frame. */
    static int crc16(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }
}
