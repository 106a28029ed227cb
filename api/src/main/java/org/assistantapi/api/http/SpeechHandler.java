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
    SpeechHandler(SpeechService speech, JsonBodies bodies) {
        this.speech = speech;
        this.bodies = bodies;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Fields fields = new Fields(bodies.readObject(req));
        SpeechRequest request = SpeechFields.parse(fields, fields.requiredString("input"));
        AccessEntry access = AccessEntry.of(req);
        access.speech(request.voice(), request.format());
        AudioBody body = AudioBody.of(fields.string("stream_format").orElse("audio"));
        try (AudioStream stream = speak(request, Caller.of(req)); StalledWriterCutoff cutoff = new StalledWriterCutoff()) {
            stream.whenAbandoned(cutoff::cut);
            AudioResponse.send(res, startOrThrow(stream), body, stream::read, access::firstByte);
        }
    }

    private AudioStream speak(SpeechRequest request, Caller caller) {
        try {
            return speech.speak(request, caller.key());
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
    }

    private static StreamFormat startOrThrow(AudioStream stream) {
        try {
            return stream.awaitStart();
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
    }
}
