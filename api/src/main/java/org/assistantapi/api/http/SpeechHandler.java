package org.assistantapi.api.http;

import java.io.OutputStream;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.AudioStream;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.StreamFormat;

/**
 * {@code POST /v1/audio/speech}: OpenAI's one-shot speech, streamed. Reads chunks from core's
 * audio stream and writes each to the response as it arrives.
 */
final class SpeechHandler implements Handler {

    private final SpeechService speech;
    private final JsonBodies bodies;

    SpeechHandler(SpeechService speech, JsonBodies bodies) {
        this.speech = speech;
        this.bodies = bodies;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Fields fields = new Fields(bodies.readObject(req));
        SpeechRequest request = parse(fields);
        AccessEntry access = AccessEntry.of(req);
        access.speech(request.voice(), request.format());
        AudioBody body = AudioBody.of(fields.string("stream_format").orElse("audio"));
        try (AudioStream stream = speak(request)) {
            StreamFormat format = startOrThrow(stream);
            res.header(HeaderNames.CONTENT_TYPE, body.contentType(format.contentType()));
            res.header("X-Sample-Rate", String.valueOf(format.sampleRate()));
            res.header("X-Audio-Format", format.format());
            stream(stream, body, res, access);
        }
    }

    private SpeechRequest parse(Fields fields) {
        String model = fields.string("model").orElse(null);
        String input = fields.requiredString("input");
        String voice = fields.string("voice").orElse(null);
        String format = fields.string("response_format").orElse("mp3");
        double speed = fields.number("speed").orElse(1.0);
        int sampleRate = fields.integer("sample_rate").orElse(0);
        if (sampleRate < 0) {
            throw OpenAiError.invalid("sample_rate", "invalid_value", "'sample_rate' must be positive");
        }
        return new SpeechRequest(input, model, voice, null, format, speed, sampleRate);
    }

    private AudioStream speak(SpeechRequest request) {
        try {
            return speech.speak(request);
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
    }

    private static StreamFormat startOrThrow(AudioStream stream) {
        try {
            return stream.format();
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
    }

    /**
     * Writes chunks as they come, flushing each. If the stream breaks off, the connection is closed
     * without the final chunk, so the client sees a truncated response rather than a clean end.
     */
    private static void stream(AudioStream stream, AudioBody body, ServerResponse res, AccessEntry access) {
        OutputStream out = res.outputStream();
        try {
            for (byte[] chunk = stream.read(); chunk != null; chunk = stream.read()) {
                body.write(out, chunk);
                out.flush();
                access.firstByte();
            }
            body.finish(out);
            out.close();
        } catch (SpeechException e) {
            throw new CloseConnectionException("audio stream broke off: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new CloseConnectionException("client went away", e);
        }
    }
}
