package org.assistantapi.encoders;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mono Ogg Opus: concentus encodes 20 ms frames as PCM arrives, {@link OggOpusWriter} pages them.
 *
 * <p>The decoder drops the encoder's lookahead (the pre-skip) from the start, so at the end enough
 * silence is encoded to push the last real sample out past it, and the end-of-stream granule position
 * trims the padding off again: the decoded stream has exactly the input's length.
 */
final class OpusEncoderStream implements AudioEncoder {

    private static final int FRAMES_PER_SECOND = 50;
    /** libopus's recommended packet buffer; a 20 ms packet is at most 1275 bytes. */
    private static final int MAX_PACKET = 4000;
    private static final int OPUS_RATE = 48000;

    private final OutputStream out;
    private final OpusEncoder encoder;
    private final int sampleRate;
    private final int pageIntervalMs;
    private final int frameSize;
    /** 48 kHz samples per input sample: Opus rates all divide 48 kHz. */
    private final int scale;
    private final short[] frame;
    private final byte[] packet = new byte[MAX_PACKET];
    private OggOpusWriter writer;
    private int frameFill;
    private long inputSamples;
    private long encodedSamples;

    OpusEncoderStream(int sampleRate, int bitrateKbps, int complexity, int pageIntervalMs, OutputStream out) {
        this.out = out;
        this.sampleRate = sampleRate;
        this.pageIntervalMs = pageIntervalMs;
        this.frameSize = sampleRate / FRAMES_PER_SECOND;
        this.scale = OPUS_RATE / sampleRate;
        this.frame = new short[frameSize];
        try {
            encoder = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus cannot encode at " + sampleRate + " Hz", e);
        }
        encoder.setBitrate(bitrateKbps * 1000);
        encoder.setComplexity(complexity);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        OggOpusWriter ogg = writer();
        inputSamples += length;
        for (int done = 0; done < length; ) {
            int n = Math.min(frameSize - frameFill, length - done);
            System.arraycopy(samples, offset + done, frame, frameFill, n);
            frameFill += n;
            done += n;
            if (frameFill == frameSize) {
                ogg.writeAudio(packet, encodeFrame(), frameSize * scale);
            }
        }
    }

    @Override
    public void finish() throws IOException {
        OggOpusWriter ogg = writer();
        long needed = inputSamples + encoder.getLookahead();
        while (true) {
            Arrays.fill(frame, frameFill, frameSize, (short) 0);
            frameFill = frameSize;
            int length = encodeFrame();
            if (encodedSamples >= needed) {
                ogg.writeLastAudio(packet, length, preSkip() + inputSamples * scale);
                return;
            }
            ogg.writeAudio(packet, length, frameSize * scale);
        }
    }

    @Override
    public void close() {
        // concentus holds no native or process resources.
    }

    private int encodeFrame() throws IOException {
        try {
            int length = encoder.encode(frame, 0, frameSize, packet, 0, MAX_PACKET);
            frameFill = 0;
            encodedSamples += frameSize;
            return length;
        } catch (OpusException e) {
            throw new IOException("Opus encoding failed", e);
        }
    }

    private int preSkip() {
        return encoder.getLookahead() * scale;
    }

    /** The Ogg stream, begun (headers written) on first use. */
    private OggOpusWriter writer() throws IOException {
        if (writer == null) {
            writer = new OggOpusWriter(out, ThreadLocalRandom.current().nextInt(), preSkip(), sampleRate,
                    pageIntervalMs);
        }
        return writer;
    }
}
