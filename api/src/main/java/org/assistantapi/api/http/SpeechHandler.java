package org.assistantapi.api.http;

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
    private final StreamLimits limits;

    SpeechHandler(SpeechService speech, JsonBodies bodies, StreamLimits limits) {
        this.speech = speech;
        this.bodies = bodies;
        this.limits = limits;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Fields fields = new Fields(bodies.readObject(req));
        SpeechRequest request = SpeechFields.parse(fields, fields.requiredString("input"));
        AudioBody body = AudioBody.of(fields.string("stream_format").orElse("audio"));
        try (StreamLimits.Permit permit = limits.acquire(Caller.of(req)); AudioStream stream = speak(request)) {
            AccessEntry access = AccessEntry.of(req);
            access.speech(request.voice(), request.format());
            AudioResponse.send(res, startOrThrow(stream), body, stream::read, access::firstByte);
        }
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
}
