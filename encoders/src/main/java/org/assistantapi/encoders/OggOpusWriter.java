package org.assistantapi.encoders;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The Ogg encapsulation of one mono Opus stream (RFC 7845): OpusHead and OpusTags each on a page of
 * their own, then audio pages whose granule positions count 48 kHz samples including the pre-skip,
 * each written and flushed once it holds the page interval's worth of audio; the last page carries the
 * end-of-stream flag and the granule position that trims the decoded stream to the exact input length.
 */
final class OggOpusWriter {

    private static final String VENDOR = "concentus (assistant-api)";

    private final OutputStream out;
    private final OggPageWriter pages;
    private final int pageIntervalSamples;
    private long granulePosition;
    private long pendingSamples;

    /**
     * @param preSkip         48 kHz samples the decoder drops at the start (the encoder's lookahead)
     * @param inputSampleRate the rate the audio was encoded from, for decoders that restore it
     * @param pageIntervalMs  the most audio a page holds before it is written and flushed
     */
    OggOpusWriter(OutputStream out, int serialNumber, int preSkip, int inputSampleRate, int pageIntervalMs)
            throws IOException {
        this.out = out;
        this.pages = new OggPageWriter(out, serialNumber);
        this.pageIntervalSamples = pageIntervalMs * 48;
        writeAlone(opusHead(preSkip, inputSampleRate));
        writeAlone(opusTags());
    }

    /** Adds one audio packet that decodes to {@code samples} 48 kHz samples. */
    void writeAudio(byte[] packet, int length, int samples) throws IOException {
        add(packet, length);
        granulePosition += samples;
        pendingSamples += samples;
        if (pendingSamples >= pageIntervalSamples) {
            pages.writePage(granulePosition, false);
            pendingSamples = 0;
            out.flush();
        }
    }

    /** Adds the stream's last packet and writes the end-of-stream page ending at {@code finalGranulePosition}. */
    void writeLastAudio(byte[] packet, int length, long finalGranulePosition) throws IOException {
        add(packet, length);
        pages.writePage(finalGranulePosition, true);
        out.flush();
    }

    private void add(byte[] packet, int length) throws IOException {
        if (!pages.fits(length)) {
            pages.writePage(granulePosition, false);
            pendingSamples = 0;
        }
        pages.add(packet, 0, length);
    }

    private void writeAlone(byte[] packet) throws IOException {
        pages.add(packet, 0, packet.length);
        pages.writePage(0, false);
    }

    private static byte[] opusHead(int preSkip, int inputSampleRate) {
        return ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusHead".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)                  // version
                .put((byte) 1)                  // channels
                .putShort((short) preSkip)
                .putInt(inputSampleRate)
                .putShort((short) 0)            // output gain
                .put((byte) 0)                  // mapping family 0: mono or stereo, no table
                .array();
    }

    private static byte[] opusTags() {
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .put("OpusTags".getBytes(StandardCharsets.US_ASCII))
                .putInt(vendor.length)
                .put(vendor)
                .putInt(0)                      // no user comments
                .array();
    }
}
