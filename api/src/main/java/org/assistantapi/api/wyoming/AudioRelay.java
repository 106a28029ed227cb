package org.assistantapi.api.wyoming;

import java.io.IOException;

import org.assistantapi.core.SpeechException;

/** Sends one stream of PCM as {@code audio-start}, an {@code audio-chunk} per piece core hands over, {@code audio-stop}. */
final class AudioRelay {

    /** Core's audio: an {@code AudioStream} or a session's {@code SessionAudio}. */
    @FunctionalInterface
    interface Source {
        /** The next PCM, or null at the end. */
        byte[] read() throws SpeechException;
    }

    private AudioRelay() {
    }

    static void relay(Source source, int rate, WyomingWriter out) throws IOException, SpeechException {
        out.write(new WyomingEvent.AudioStart(rate));
        for (byte[] pcm = source.read(); pcm != null; pcm = source.read()) {
            out.write(new WyomingEvent.AudioChunk(rate, pcm));
        }
        out.write(new WyomingEvent.AudioStop());
    }
}
