package org.assistantapi.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How audio chunks are framed in a response body: as they are ({@code stream_format: audio}), or
 * as OpenAI's Server-Sent Events ({@code stream_format: sse}).
 */
sealed interface AudioBody {

    /** The response's Content-Type for audio of this content type. */
    String contentType(String audioContentType);

    void write(OutputStream out, byte[] chunk) throws IOException;

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
        public void finish(OutputStream out) {
            // The end of the body is the end of the audio.
        }
    }

    /** {@code speech.audio.delta} events with base64 audio, then {@code speech.audio.done}. */
    record ServerSentEvents() implements AudioBody {
        @Override
        public String contentType(String audioContentType) {
            return "text/event-stream";
        }

        @Override
        public void write(OutputStream out, byte[] chunk) throws IOException {
            event(out, "{\"type\":\"speech.audio.delta\",\"audio\":\"" + Base64.getEncoder().encodeToString(chunk) + "\"}");
        }

        @Override
        public void finish(OutputStream out) throws IOException {
            event(out, "{\"type\":\"speech.audio.done\"}");
        }

        private static void event(OutputStream out, String json) throws IOException {
            out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
