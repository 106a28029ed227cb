package org.assistantapi.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.SessionAudio;
import org.assistantapi.core.SessionEvents;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechSession;
import org.assistantapi.core.SpeechSessions;
import org.assistantapi.core.Spoken;
import org.assistantapi.core.WordTimings;

/**
 * {@code /v1/audio/speech/sessions}: thin HTTP adapters over core's sessions. Create, read the
 * audio, append text, close, cancel; the satellite decides what is flushed when. A session belongs
 * to the API key that opened it: for another key it does not exist (404).
 */
final class SessionHandlers {

    static final String BASE = "/v1/audio/speech/sessions";

    /** How often an idle event stream writes a comment: a client that left is noticed only at a write. */
    private static final Duration EVENTS_KEEPALIVE = Duration.ofSeconds(15);

    private final SpeechSessions sessions;
    private final JsonBodies bodies;

    SessionHandlers(SpeechSessions sessions, JsonBodies bodies) {
        this.sessions = sessions;
        this.bodies = bodies;
    }

    void create(ServerRequest req, ServerResponse res) {
        Fields fields = new Fields(bodies.readObject(req));
        SpeechSession session = call(() -> sessions.open(SpeechFields.parse(fields, null), Caller.of(req).key(),
                SpeechFields.wordTimings(fields)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", session.id());
        body.put("audio_url", BASE + "/" + session.id() + "/audio");
        body.put("events_url", BASE + "/" + session.id() + "/events");
        body.put(SpeechFields.INCLUDE_WORD_TIMINGS, session.words() == WordTimings.INCLUDED);
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
            AudioResponse.send(res, audio.format(), new AudioBody.Raw(), words -> audio.read(), access::firstByte);
        }
    }

    /**
     * The session's words and segments as Server-Sent Events, as its audio reader takes their
     * audio; {@code speech.session.done} once its audio is over. One reader at a time.
     */
    void events(ServerRequest req, ServerResponse res) {
        SpeechSession session = session(req);
        try (SessionEvents events = call(session::openEvents)) {
            res.header(HeaderNames.CONTENT_TYPE, EventStream.CONTENT_TYPE);
            OutputStream out = res.outputStream();
            comment(out, "events of session " + session.id()); // the headers leave now: the client is attached
            while (true) {
                Spoken event = call(() -> events.next(EVENTS_KEEPALIVE));
                if (event != null) {
                    EventStream.write(out, event, true);
                } else if (events.over()) {
                    break;
                } else {
                    comment(out, "keepalive");
                }
                out.flush();
            }
            EventStream.write(out, "{\"type\":\"speech.session.done\"}");
            out.close();
        } catch (IOException e) {
            throw new CloseConnectionException("client went away", e);
        }
    }

    private static void comment(OutputStream out, String text) throws IOException {
        out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
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
