package org.assistantapi.workers;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Collects what an encoder writes and hands it on as one audio frame at each flush, so frames
 * follow the encoder's own playable units (an MP3 frame run, an Ogg page). Synchronized because an
 * encoder may write from a thread of its own (the AAC encoder pumps ffmpeg's output).
 */
final class FrameOutputStream extends OutputStream {

    /** Past this many bytes a frame leaves even without a flush, to keep frames small. */
    private static final int MAX_FRAME = 32 * 1024;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Consumer<byte[]> frames;

    FrameOutputStream(Consumer<byte[]> frames) {
        this.frames = frames;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        flushIfFull();
    }

    /** A large write (a Piper voice's whole long sentence as PCM) leaves as several frames. */
    @Override
    public synchronized void write(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, MAX_FRAME - buffer.size());
            buffer.write(b, off, n);
            off += n;
            len -= n;
            flushIfFull();
        }
    }

    @Override
    public synchronized void flush() {
        if (buffer.size() > 0) {
            frames.accept(buffer.toByteArray());
            buffer.reset();
        }
    }

    private void flushIfFull() {
        if (buffer.size() >= MAX_FRAME) {
            flush();
        }
    }
}
