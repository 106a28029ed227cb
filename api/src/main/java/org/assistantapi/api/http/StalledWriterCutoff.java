package org.assistantapi.api.http;

/**
 * Closes the connection of a one-shot response whose client stopped reading. Helidon 4.5 has no
 * write timeout: the handler's virtual thread stays blocked in {@code flush()} until the client
 * reads or leaves, keeping the socket open after core has cancelled the job. Interrupting the
 * handler's thread ends that wait: a blocking write on a socket channel is interruptible and
 * closes the channel (Helidon writes on the handler's thread with its default write queue of 0),
 * and a thread waiting for audio in {@code AudioStream.read} stops too; either way the response
 * ends with the connection closed. The interrupt is sent only while the response is being sent,
 * so a late one never reaches the next request on a kept-alive connection.
 */
final class StalledWriterCutoff implements AutoCloseable {

    private final Thread writer = Thread.currentThread();
    private boolean sending = true;
    private boolean cut;

    /** Ends the response being written by the thread that made this cutoff. */
    synchronized void cut() {
        if (sending) {
            cut = true;
            writer.interrupt();
        }
    }

    /** The response is over: later cuts do nothing, and an interrupt of ours is cleared. */
    @Override
    public synchronized void close() {
        sending = false;
        if (cut) {
            Thread.interrupted();
        }
    }
}
