package org.assistantapi.api.http;

import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.AudioStream;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.StreamFormat;
import org.assistantapi.core.WordTimings;

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
        AudioBody body = AudioBody.of(fields.string("stream_format").orElse("audio"));
        WordTimings words = SpeechFields.wordTimings(fields);
        if (words == WordTimings.INCLUDED && !(body instanceof AudioBody.ServerSentEvents)) {
            throw OpenAiError.invalid(SpeechFields.INCLUDE_WORD_TIMINGS, "invalid_value",
                    "'include_word_timings' needs 'stream_format': 'sse' (raw audio has no place for them)");
        }
        try (AudioStream stream = speak(request, Caller.of(req), words); StalledWriterCutoff cutoff = new StalledWriterCutoff()) {
            stream.whenAbandoned(cutoff::cut);
            AccessEntry access = AccessEntry.of(req);
            access.speech(request.voice(), request.format());
            AudioResponse.send(res, startOrThrow(stream), body, stream::read, access::firstByte);
        }
    }

    private AudioStream speak(SpeechRequest request, Caller caller, WordTimings words) {
        try {
            return speech.speak(request, caller.key(), words);
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
