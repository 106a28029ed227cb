package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every format writes and flushes while audio still arrives, not only at the end. */
class StreamingTest {

    private static final int RATE = 22050;

    @ParameterizedTest
    @EnumSource(AudioFormat.class)
    void flushesPlayableBytesSoonAndThroughout(AudioFormat format) throws IOException, InterruptedException {
        short[] pcm = TestAudio.speechLike(RATE, 3.0);
        TestAudio.RecordingStream out = new TestAudio.RecordingStream();
        try (AudioEncoder encoder = Encoders.open(format, RATE, format.defaultRate(RATE), out)) {
            // The first 250 ms of audio, then (ffmpeg answers on its own thread) a wait that only
            // guards against a hang: what is checked is how much audio it took, not how long.
            int firstAudio = RATE / 4;
            int fed = 0;
            while (out.flushes().isEmpty() && fed < firstAudio) {
                int n = Math.min(TestAudio.ESPEAK_CHUNK, firstAudio - fed);
                encoder.encode(pcm, fed, n);
                fed += n;
            }
            if (format == AudioFormat.AAC) {
                awaitFlush(out, 10_000);
            }
            assertFalse(out.flushes().isEmpty(), format + " flushed nothing for the first 250 ms of audio");

            for (; fed < pcm.length; fed += TestAudio.ESPEAK_CHUNK) {
                encoder.encode(pcm, fed, Math.min(TestAudio.ESPEAK_CHUNK, pcm.length - fed));
            }
            if (format == AudioFormat.AAC) {
                awaitFlush(out, 2000);
            }
            int beforeFinish = out.flushes().size();
            int bytesBeforeFinish = out.size();
            encoder.finish();
            // In-process encoders flush per page or frame run; the AAC pump flushes per read of
            // ffmpeg's output, which a busy machine coalesces into fewer, larger reads.
            int minimumFlushes = format == AudioFormat.AAC ? 2 : 10;
            assertTrue(beforeFinish >= minimumFlushes, format + " flushed only " + beforeFinish + " times in 3 s");
            assertTrue(bytesBeforeFinish > out.size() / 2, format + " held back most of its bytes until finish");
        }
    }

    /** Waits until the AAC pump has flushed something new, or the time runs out. */
    private static void awaitFlush(TestAudio.RecordingStream out, int timeoutMs) throws InterruptedException {
        int before = out.flushes().size();
        for (int waited = 0; waited < timeoutMs && out.flushes().size() == before; waited += 5) {
            Thread.sleep(5);
        }
    }
}
