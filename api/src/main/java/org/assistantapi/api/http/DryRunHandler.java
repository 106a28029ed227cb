package org.assistantapi.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.DryRun;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.TextNormalization;

/**
 * {@code POST /v1/audio/normalize}: the dry run. Takes the speech request's fields ({@code input},
 * {@code voice}, {@code model}, {@code normalize}) and answers with the text as the voice would
 * read it, sentence by sentence, with each sentence's phonemes; nothing is synthesized.
 */
final class DryRunHandler implements Handler {

    private final SpeechService speech;
    private final JsonBodies bodies;

    DryRunHandler(SpeechService speech, JsonBodies bodies) {
        this.speech = speech;
        this.bodies = bodies;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Fields fields = new Fields(bodies.readObject(req));
        DryRun dryRun;
        try {
            dryRun = speech.dryRun(SpeechFields.parse(fields, fields.requiredString("input")));
        } catch (SpeechException e) {
            throw SpeechErrors.toHttp(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("voice", dryRun.voice());
        body.put("language", dryRun.language());
        body.put("normalize", dryRun.normalization() == TextNormalization.ON);
        body.put("sentences", dryRun.sentences().stream()
                .map(s -> Map.of("text", s.text(), "phonemes", s.phonemes())).toList());
        JsonResponses.send(res, Status.OK_200, body);
    }
}
