package org.assistantapi.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;

import org.assistantapi.core.SpokenWord;

/**
 * How audio chunks are framed in a response body: as they are ({@code stream_format: audio}), or
 * as OpenAI's Server-Sent Events ({@code stream_format: sse}).
 */
sealed interface AudioBody {

    /** The response's Content-Type for audio of this content type. */
    String contentType(String audioContentType);

    void write(OutputStream out, byte[] chunk) throws IOException;

    /** Writes a spoken word, in its place among the chunks; only a body that asked for words gets any. */
    void write(OutputStream out, SpokenWord word) throws IOException;

    /** Writes what closes the body after the last chunk. */
    void finish(OutputStream out) throws IOException;

    static AudioBody of(String streamFormat) {
        return switch (streamFormat) {
            case "audio" -> new Raw();
            case "sse" -> new ServerSentEvents();
            default -> throw OpenAiError.invalid("stream_format", "invalid_value",
                    "'stream_format' must be 'audio' or 'sse'");
        };
    }

    /** The audio bytes themselves. */
    record Raw() implements AudioBody {
        @Override
        public String contentType(String audioContentType) {
            return audioContentType;
        }

        @Override
        public void write(OutputStream out, byte[] chunk) throws IOException {
            out.write(chunk);
        }

        @Override
        public void write(OutputStream out, SpokenWord word) {
            // Raw audio has no place for words (include_word_timings needs sse).
        }

        @Override
        public void finish(OutputStream out) {
            // The end of the body is the end of the audio.
        }
    }

    /**
     * {@code speech.audio.delta} events with base64 audio, then {@code speech.audio.done}; words,
     * when asked for, as {@code speech.word} events among the deltas, in audio order.
     */
    record ServerSentEvents() implements AudioBody {
        @Override
        public String contentType(String audioContentType) {
            return EventStream.CONTENT_TYPE;
        }

        @Override
        public void write(OutputStream out, byte[] chunk) throws IOException {
            EventStream.write(out, "{\"type\":\"speech.audio.delta\",\"audio\":\"" + Base64.getEncoder().encodeToString(chunk) + "\"}");
        }

        @Override
        public void write(OutputStream out, SpokenWord word) throws IOException {
            EventStream.write(out, word, false);
        }

        @Override
        public void finish(OutputStream out) throws IOException {
            EventStream.write(out, "{\"type\":\"speech.audio.done\"}");
        }
    }
}
