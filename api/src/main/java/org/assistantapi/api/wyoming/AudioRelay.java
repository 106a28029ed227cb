package org.assistantapi.api.wyoming;

import java.io.IOException;

import org.assistantapi.api.http.SynthesisLog;
import org.assistantapi.core.SpeechException;

/**
 * Sends one synthesis's PCM as {@code audio-start}, an {@code audio-chunk} per piece core hands
 * over, {@code audio-stop}, each with its {@code timestamp} (milliseconds of audio before it), and
 * writes the synthesis's access line and metrics once it ends.
 */
final class AudioRelay {

    /** Core's audio: an {@code AudioStream} or a session's {@code SessionAudio}. */
    @FunctionalInterface
    interface Source {
        /** The next PCM, or null at the end. */
        byte[] read() throws SpeechException;
    }

    private final WyomingWriter out;
    private final SynthesisLog.Synthesis log;
    private volatile long bytes;

    AudioRelay(WyomingWriter out, SynthesisLog.Synthesis log) {
        this.out = out;
        this.log = log;
    }

    /** The voice that speaks, for the access line; the format is always raw PCM. */
    void speaks(String voice) {
        log.speaks(voice, "pcm");
    }

    void relay(Source source, int rate) throws IOException, SpeechException {
        out.write(new WyomingEvent.AudioStart(rate, 0));
        for (byte[] pcm = source.read(); pcm != null; pcm = source.read()) {
            log.firstByte();
            out.write(new WyomingEvent.AudioChunk(rate, pcm, millis(rate)));
            bytes += pcm.length;
        }
        out.write(new WyomingEvent.AudioStop(millis(rate)));
    }

    /** All of it was sent. */
    void finished() {
        log.finish(SynthesisLog.COMPLETE, bytes, false);
    }

    /** It failed in core: logged with the status HTTP would have answered. */
    void failed(SpeechException e) {
        log.finish(SynthesisLog.status(e), bytes, bytes > 0);
    }

    /** It ended early for a reason outside core: the client left, broke the protocol or went silent. */
    void cutOff(int status) {
        log.finish(status, bytes, true);
    }

    private long millis(int rate) {
        return bytes / WyomingEvent.WIDTH * 1000 / rate;
    }
}
