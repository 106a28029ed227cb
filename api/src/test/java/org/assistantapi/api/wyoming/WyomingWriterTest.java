package org.assistantapi.api.wyoming;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class WyomingWriterTest {

    @Test
    void aWriteBlockedByAPeerThatReadsNothingIsSeen() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
        };
        WyomingWriter writer = new WyomingWriter(stuck);
        assertFalse(writer.blockedSince(System.nanoTime()), "no write under way");
        long before = System.nanoTime();
        Thread writing = Thread.ofVirtual().start(() -> {
            try {
                writer.write(new WyomingEvent.AudioChunk(22050, new byte[100_000], 0));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        assertFalse(writer.blockedSince(before), "blocked only since it began");
        assertTrue(writer.blockedSince(System.nanoTime()));
        release.countDown();
        writing.join();
        assertFalse(writer.blockedSince(System.nanoTime()), "done");
    }
}
