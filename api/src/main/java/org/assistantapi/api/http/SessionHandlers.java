package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.SessionAudio;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechSession;
import org.assistantapi.core.SpeechSessions;

/**
 * {@code /v1/audio/speech/sessions}: thin HTTP adapters over core's sessions. Create, read the
 * audio, append text, close, cancel; the satellite decides what is flushed when. A session belongs
 * to the API key that opened it: for another key it does not exist (404).
 */
final class SessionHandlers {

    static final String BASE = "/v1/audio/speech/sessions";

    private final SpeechSessions sessions;
    private final JsonBodies bodies;

    SessionHandlers(SpeechSessions sessions, JsonBodies bodies) {
        this.sessions = sessions;
        this.bodies = bodies;
    }

    void create(ServerRequest req, ServerResponse res) {
        SpeechSession session = call(() -> sessions.open(SpeechFields.parse(new Fields(bodies.readObject(req)), null),
                Caller.of(req).key()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", session.id());
        body.put("audio_url", BASE + "/" + session.id() + "/audio");
        body.put("response_format", session.format().format());
        body.put("content_type", session.format().contentType());
        body.put("sample_rate", session.format().sampleRate());
        JsonResponses.send(res, Status.CREATED_201, body);
    }

    void audio(ServerRequest req, ServerResponse res) {
        SpeechSession session = session(req);
        AccessEntry access = AccessEntry.of(req);
        access.speech(session.voice(), session.format().format());
        try (SessionAudio audio = call(session::openAudio)) {
            AudioResponse.send(res, audio.format(), new AudioBody.Raw(), audio::read, access::firstByte);
        }
    }

    void append(ServerRequest req, ServerResponse res) {
        SpeechSession session = session(req);
        Fields fields = new Fields(bodies.readObject(req));
        String text = fields.requiredString("text");
        boolean flush = fields.bool("flush").orElse(true);
        call(() -> {
            session.append(text, flush);
            return session;
        });
        JsonResponses.send(res, Status.OK_200, Map.of("id", session.id(), "flushed", flush));
    }

    void close(ServerRequest req, ServerResponse res) {
        SpeechSession session = session(req);
        call(() -> {
            session.close();
            return session;
        });
        JsonResponses.send(res, Status.OK_200, Map.of("id", session.id(), "closed", true));
    }

    void cancel(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        call(() -> {
            sessions.cancel(id, Caller.of(req).key());
            return id;
        });
        JsonResponses.send(res, Status.OK_200, Map.of("id", id, "cancelled", true));
    }

    private SpeechSession session(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        return call(() -> sessions.get(id, Caller.of(req).key()));
    }

    /** Runs a core call, turning its refusal into the HTTP error. */
    private static <T> T call(CoreCall<T> call) {
        try {
            return call.run();
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
    }

    @FunctionalInterface
    private interface CoreCall<T> {
        T run() throws SpeechException;
    }
}
