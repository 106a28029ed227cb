package org.assistantapi.encoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OggOpusTest {

    private static final int PRE_SKIP = 312;   // concentus's lookahead at 48 kHz

    @TempDir
    Path dir;

    /** Every page's CRC, numbering and flags; headers alone on their pages; granules to the exact length. */
    @ParameterizedTest
    @CsvSource({"22050, 48000, 1081", "22050, 24000, 333", "16000, 16000, 1081", "24000, 48000, 40000",
            "22050, 8000, 1081", "48000, 12000, 960"})
    void pagesFollowRfc7845(int inputRate, int outputRate, int chunk) throws IOException {
        short[] pcm = TestAudio.speechLike(inputRate, 2.0);
        List<OggPageReader.Page> pages = OggPageReader.read(encode(pcm, inputRate, outputRate, chunk, 100));

        assertTrue(pages.size() > 3);
        for (int i = 0; i < pages.size(); i++) {
            OggPageReader.Page page = pages.get(i);
            assertTrue(page.crcValid(), "CRC of page " + i);
            assertEquals(i, page.sequence());
            assertEquals(pages.getFirst().serialNumber(), page.serialNumber());
            assertEquals(i == 0, page.beginsStream(), "BOS on page " + i);
            assertEquals(i == pages.size() - 1, page.endsStream(), "EOS on page " + i);
        }

        OggPageReader.Page head = pages.get(0);
        assertEquals(1, head.packets().size());
        ByteBuffer opusHead = ByteBuffer.wrap(head.packets().getFirst()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("OpusHead", new String(head.packets().getFirst(), 0, 8, StandardCharsets.US_ASCII));
        assertEquals(19, opusHead.limit());
        assertEquals(1, opusHead.get(8));                       // version
        assertEquals(1, opusHead.get(9));                       // channels
        assertEquals(PRE_SKIP, opusHead.getShort(10));
        assertEquals(outputRate, opusHead.getInt(12));          // input sample rate
        assertEquals(0, opusHead.getShort(16));                 // gain
        assertEquals(0, opusHead.get(18));                      // mapping family

        OggPageReader.Page tags = pages.get(1);
        assertEquals(1, tags.packets().size());
        assertEquals("OpusTags", new String(tags.packets().getFirst(), 0, 8, StandardCharsets.US_ASCII));
        assertEquals(0, head.granulePosition());
        assertEquals(0, tags.granulePosition());

        long previous = 0;
        int frame48k = 960;
        for (OggPageReader.Page page : pages.subList(2, pages.size())) {
            assertTrue(page.granulePosition() > previous, "granules grow");
            if (!page.endsStream()) {
                assertEquals(page.packets().size() * frame48k, page.granulePosition() - previous, "20 ms packets");
                assertTrue(page.granulePosition() - previous <= 100 * 48, "a page every 100 ms");
            }
            previous = page.granulePosition();
        }
        long samples = Math.ceilDiv((long) pcm.length * outputRate, inputRate);
        assertEquals(PRE_SKIP + samples * (48000 / outputRate), pages.getLast().granulePosition());
    }

    @Test
    void opusinfoAcceptsTheStreamAndDecodersGetTheExactLength() throws IOException {
        short[] pcm = TestAudio.speechLike(22050, 2.0);
        Path file = write("speech.opus", encode(pcm, 22050, 48000, TestAudio.ESPEAK_CHUNK, 100));

        String info = Ffmpeg.runForText(List.of("opusinfo", file.toString()));
        assertTrue(info.startsWith("exit 0"), info);
        assertFalse(info.toLowerCase().contains("warning") || info.toLowerCase().contains("error"), info);

        long expected = Math.ceilDiv((long) pcm.length * 48000, 22050);
        Path wav = dir.resolve("opusdec.wav");
        Ffmpeg.run(List.of("opusdec", "--quiet", "--rate", "48000", file.toString(), wav.toString()));
        assertEquals(expected, Ffmpeg.decode(wav).length, "opusdec");

        short[] decoded = Ffmpeg.decode(file);
        assertEquals(expected, decoded.length, "ffmpeg");
        short[] reference = PolyphaseResamplerTest.resample(22050, 48000, pcm, pcm.length);
        assertTrue(TestAudio.correlation(reference, decoded, 0) > 0.95, "the audio, not just its length");
    }

    @Test
    void anEmptyStreamIsStillValid() throws IOException {
        Path file = write("empty.opus", encode(new short[0], 24000, 24000, 1, 100));
        String info = Ffmpeg.runForText(List.of("opusinfo", file.toString()));
        assertTrue(info.startsWith("exit 0"), info);
        assertFalse(info.toLowerCase().contains("warning"), info);
        assertEquals(0, Ffmpeg.decode(file).length);
    }

    @Test
    void pagesHoldAtMostTheConfiguredInterval() throws IOException {
        short[] pcm = TestAudio.speechLike(48000, 2.0);
        List<OggPageReader.Page> pages = OggPageReader.read(encode(pcm, 48000, 48000, 4800, 40));
        for (int i = 3; i < pages.size() - 1; i++) {
            assertEquals(40 * 48, pages.get(i).granulePosition() - pages.get(i - 1).granulePosition());
        }
    }

    /** The CRC is checked against pages a reference encoder wrote, not only against itself. */
    @Test
    void crcAgreesWithOpusenc() throws IOException {
        Path wav = dir.resolve("tone.wav");
        try (var out = Files.newOutputStream(wav)) {
            out.write(WavEncoder.header(24000));
            out.write(TestAudio.toLittleEndian(TestAudio.speechLike(24000, 1.0)));
        }
        Path opus = dir.resolve("reference.opus");
        Ffmpeg.run(List.of("opusenc", "--quiet", "--ignorelength", wav.toString(), opus.toString()));
        List<OggPageReader.Page> pages = OggPageReader.read(Files.readAllBytes(opus));
        assertTrue(pages.size() > 3);
        assertTrue(pages.stream().allMatch(OggPageReader.Page::crcValid));
    }

    @Test
    void eachStreamHasItsOwnSerialNumber() throws IOException {
        short[] pcm = TestAudio.speechLike(48000, 0.1);
        int first = OggPageReader.read(encode(pcm, 48000, 48000, 960, 100)).getFirst().serialNumber();
        int second = OggPageReader.read(encode(pcm, 48000, 48000, 960, 100)).getFirst().serialNumber();
        assertTrue(first != second);
    }

    private static byte[] encode(short[] pcm, int inputRate, int outputRate, int chunk, int pageIntervalMs)
            throws IOException {
        EncoderSettings settings = new EncoderSettings(64, 5, 32, 5, pageIntervalMs, 64);
        TestAudio.RecordingStream out = new TestAudio.RecordingStream();
        try (AudioEncoder encoder = Encoders.open(AudioFormat.OPUS, inputRate, outputRate, settings, out)) {
            TestAudio.encodeAll(encoder, pcm, chunk);
        }
        return out.bytes();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
