package org.assistantapi.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpokenWord;
import org.assistantapi.core.StreamFormat;

/** Streams audio from core into a response as it comes, for one-shot speech and sessions alike. */
final class AudioResponse {

    /** Where the audio comes from: a one-shot stream or a session's audio. */
    @FunctionalInterface
    interface ChunkSource {
        /** The next chunk, or null at the end; words spoken before it go to {@code words} first. */
        byte[] read(Consumer<SpokenWord> words) throws SpeechException;
    }

    private AudioResponse() {
    }

    /**
     * Waits for the first chunk, then sets the headers and writes and flushes each chunk (Helidon
     * sends nothing until a flush; the headers leave with the first chunk, so a session's audio
     * response starts with its first audio). If the audio fails before its first chunk (its worker
     * died), the answer is the error (503 {@code worker_failed}); if it breaks off later, the
     * connection is closed without the final chunk, so the client sees a truncated response rather
     * than a clean end. Words the source reports are written before the chunk that follows them
     * (and after the last chunk, before the body's end).
     *
     * @param afterChunk runs after each chunk has been flushed
     */
    static void send(ServerResponse res, StreamFormat format, AudioBody body, ChunkSource source, Runnable afterChunk) {
        List<SpokenWord> words = new ArrayList<>();
        byte[] first;
        try {
            first = source.read(words::add);
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, body.contentType(format.contentType()));
        res.header("X-Sample-Rate", String.valueOf(format.sampleRate()));
        res.header("X-Audio-Format", format.format());
        OutputStream out = res.outputStream();
        try {
            for (byte[] chunk = first; chunk != null; chunk = source.read(words::add)) {
                writeWords(out, body, words);
                body.write(out, chunk);
                out.flush();
                afterChunk.run();
            }
            writeWords(out, body, words);
            body.finish(out);
            out.close();
        } catch (SpeechException e) {
            throw new CloseConnectionException("audio stream broke off: " + e.getMessage());
        } catch (IOException e) {
            throw new CloseConnectionException("client went away", e);
        }
    }

    private static void writeWords(OutputStream out, AudioBody body, List<SpokenWord> words) throws IOException {
        for (SpokenWord word : words) {
            body.write(out, word);
        }
        words.clear();
    }
}
