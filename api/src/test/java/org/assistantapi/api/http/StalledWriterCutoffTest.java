package org.assistantapi.api.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class StalledWriterCutoffTest {

    @Test
    void cutsOnlyWhileTheResponseIsBeingSent() {
        StalledWriterCutoff cutoff = new StalledWriterCutoff();
        cutoff.cut();
        assertTrue(Thread.currentThread().isInterrupted());
        cutoff.close();
        assertFalse(Thread.interrupted(), "its interrupt is cleared when the response is over");
        cutoff.cut();
        assertFalse(Thread.interrupted(), "a late cut never reaches the thread's next request");
    }

    /** What the cutoff relies on: a virtual thread blocked writing to a client that reads nothing wakes, its socket closed. */
    @Test
    void aCutEndsAWriteBlockedOnAClientThatReadsNothing() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept()) {
            CompletableFuture<StalledWriterCutoff> writing = new CompletableFuture<>();
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (StalledWriterCutoff cutoff = new StalledWriterCutoff()) {
                    writing.complete(cutoff);
                    OutputStream out = served.socket().getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    while (true) {
                        out.write(chunk); // blocks once both sides' buffers are full
                    }
                } catch (IOException e) {
                    ended.complete(e);
                }
            });
            StalledWriterCutoff cutoff = writing.get(10, TimeUnit.SECONDS);
            cutoff.cut();
            assertInstanceOf(IOException.class, ended.get(30, TimeUnit.SECONDS));
            assertFalse(served.isOpen(), "the server's side of the connection is closed");
            assertTrue(client.isOpen(), "the client did nothing");
        }
    }
}
