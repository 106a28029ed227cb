package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FrameOutputStreamTest {

    /** A Piper voice speaks a long sentence in one piece: megabytes in one write must not become one frame. */
    @Test
    void aLargeWriteLeavesInFramesOfAtMost32KiB() throws java.io.IOException {
        List<byte[]> frames = new ArrayList<>();
        byte[] pcm = new byte[5_000_000];
        new Random(1).nextBytes(pcm);
        try (FrameOutputStream out = new FrameOutputStream(frames::add)) {
            out.write(pcm, 0, 10);
            out.write(pcm, 10, pcm.length - 10);
            out.flush();
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            assertTrue(frame.length <= 32 * 1024, "frame of " + frame.length + " bytes");
            joined.writeBytes(frame);
        }
        assertArrayEquals(pcm, joined.toByteArray());
    }
}
