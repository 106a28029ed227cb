package org.assistantapi.encoders;

import java.io.IOException;

/**
 * One continuous encoded stream. PCM goes in as it arrives; container bytes go to the output
 * stream given at creation as soon as they exist, and {@code flush()} is called on it wherever a
 * client could usefully start playing what has been written so far.
 *
 * <p>Encoders write from the calling thread, except aac, whose bytes come from an ffmpeg process and
 * are written by a pump thread as they arrive: all of them before {@link #finish()} returns, none after
 * {@link #close()} returns. An encoder is used by one thread at a time.
 */
public interface AudioEncoder extends AutoCloseable {

    /** Encodes 16-bit mono samples at the encoder's input rate. */
    void encode(short[] samples, int offset, int length) throws IOException;

    /** Ends the stream: writes what is still buffered and any trailer, then flushes. */
    void finish() throws IOException;

    /** Releases native or process resources; safe after {@link #finish()} or instead of it. */
    @Override
    void close();
}
