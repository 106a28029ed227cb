package org.assistantapi.workers.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every frame survives the pipe's encoding; a broken stream is an error, not a wrong frame. */
class FrameCodecTest {

    private static List<Frame> roundTrip(List<Frame> frames) throws IOException {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        FrameCodec.Writer writer = new FrameCodec.Writer(pipe);
        for (Frame frame : frames) {
            writer.write(frame);
        }
        FrameCodec.Reader reader = new FrameCodec.Reader(new ByteArrayInputStream(pipe.toByteArray()));
        List<Frame> read = new java.util.ArrayList<>();
        for (Frame frame = reader.read(); frame != null; frame = reader.read()) {
            read.add(frame);
        }
        return read;
    }

    @Test
    void everyFrameRoundTrips() throws IOException {
        List<Frame> frames = List.of(
                new ToWorker.StartJob(1, "en_US-x", "bob", 1.5, "mp3", 24000, 64, "Grüße, 世界 😀", true, false, true, false),
                new ToWorker.StartJob(2, "espeak:en-us", null, 1.0, "wav", 0, 2, "", false, true, false, true),
                new ToWorker.Phonemize(9, "espeak:de", "Am 3. Mai", false),
                new FromWorker.Phonemized(9, List.of(new FromWorker.Sentence("Am dritten Mai", "am dɾˈɪtən mˈaɪ")), null, null),
                new FromWorker.Phonemized(10, List.of(), FailureCode.VOICE_NOT_FOUND, "no voice x"),
                new ToWorker.AppendText(1, 3, "more text."),
                new ToWorker.EndText(1),
                new ToWorker.Credit(1, 32),
                new ToWorker.Cancel(2),
                new ToWorker.Ping(7),
                new ToWorker.Prewarm(9, List.of("a", "b")),
                new FromWorker.Ready(List.of(new VoiceDescriptor("v", "piper", "en-us", 16000, 3, Map.of("alice", 0, "bob", 1), "")),
                        List.of(new FormatDescriptor("mp3", "audio/mpeg"))),
                new FromWorker.CatalogChanged(List.of(new VoiceDescriptor("w", "piper", "de-de", 22050, 1, Map.of(), "12@3+4@5"))),
                new FromWorker.Started(1, "audio/mpeg", 22050),
                new FromWorker.SegmentSpoken(1, 3, 2_345_678, 61_234),
                new FromWorker.Word(1, 3, "Grüße", 1_250_000, 1_700_000),
                new FromWorker.Speaking(7, 2),
                new FromWorker.Slack(7, -250_000, 120_000),
                new FromWorker.Preempted(7, 48_000),
                new FromWorker.End(1),
                new FromWorker.Failed(2, FailureCode.INVALID_SPEAKER, "no speaker zed"),
                new FromWorker.Pong(7, 2, List.of("v")),
                new FromWorker.Prewarmed(9, List.of(new FromWorker.VoiceLoad("a", 12, null),
                        new FromWorker.VoiceLoad("b", 0, "corrupt model"))));
        assertEquals(frames, roundTrip(frames));
    }

    @Test
    void audioKeepsItsBytes() throws IOException {
        byte[] audio = new byte[70_000];
        new java.util.Random(1).nextBytes(audio);
        FromWorker.Audio read = (FromWorker.Audio) roundTrip(List.of(new FromWorker.Audio(5, audio))).getFirst();
        assertEquals(5, read.jobId());
        assertArrayEquals(audio, read.data());
    }

    @Test
    void theEndOfThePipeIsTheEndOfFrames() throws IOException {
        assertNull(new FrameCodec.Reader(new ByteArrayInputStream(new byte[0])).read());
    }

    @Test
    void brokenFramesAreErrors() throws IOException {
        ByteArrayOutputStream badLength = new ByteArrayOutputStream();
        new DataOutputStream(badLength).writeInt(-5);
        assertThrows(IOException.class, () -> new FrameCodec.Reader(new ByteArrayInputStream(badLength.toByteArray())).read());

        ByteArrayOutputStream unknownType = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(unknownType);
        out.writeInt(1);
        out.writeByte(99);
        assertThrows(IOException.class, () -> new FrameCodec.Reader(new ByteArrayInputStream(unknownType.toByteArray())).read());

        ByteArrayOutputStream truncated = new ByteArrayOutputStream();
        new DataOutputStream(truncated).writeInt(100);
        truncated.write(new byte[10]);
        assertThrows(IOException.class, () -> new FrameCodec.Reader(new ByteArrayInputStream(truncated.toByteArray())).read());
    }
}
