package org.assistantapi.api.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.assistantapi.api.cli.ServerClient.Answer;
import org.assistantapi.api.cli.ServerClient.ServerUnreachableException;
import org.assistantapi.api.cli.VoicesCommand.ConfigLoader;
import org.assistantapi.api.cli.VoicesCommand.Status;

/**
 * {@code assistant-api prewarm [VOICE_ID...]}: asks the running server ({@code POST
 * /v1/audio/prewarm}) to load voices into every worker, one voice per call so that each line
 * appears as its voice becomes ready. Results on stdout, progress and errors on stderr.
 */
public final class PrewarmCommand {

    static final String USAGE = """
            Usage: assistant-api prewarm [--config PATH | --url URL] [VOICE_ID...]

              Asks the running server to load voices into every worker now, so that their
              first request does not wait for loading. Without a VOICE_ID: the server's
              configured voices.prewarm list. One line per voice; exit status 0 only when
              every voice is ready on every worker.
              --config     YAML configuration, for the server's host and port
              --url        the server's URL instead, e.g. http://127.0.0.1:8000
            """;

    /** Loading a big voice into every worker of a busy server can take a while. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final PrintStream out;
    private final PrintStream err;

    PrewarmCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static Status run(List<String> args, ConfigLoader configs) {
        return new PrewarmCommand(System.out, System.err).execute(args, configs);
    }

    Status execute(List<String> args, ConfigLoader configs) {
        return switch (ServerCommandLine.parse(args, true, TIMEOUT, USAGE, configs, out, err)) {
            case ServerCommandLine.Done done -> done.status();
            case ServerCommandLine.Call call -> prewarm(call.client(), call.operands());
        };
    }

    private Status prewarm(ServerClient client, List<String> voices) {
        try {
            if (voices.isEmpty()) {
                err.println("prewarming the configured voices on " + client.base());
                return prewarm(client, Map.of(), "the configured voices");
            }
            boolean allReady = true;
            for (String voice : voices) {
                err.println("prewarming " + voice + " on " + client.base());
                allReady &= prewarm(client, Map.of("voices", List.of(voice)), voice) == Status.OK;
            }
            return allReady ? Status.OK : Status.FAILED;
        } catch (ServerUnreachableException e) {
            err.println("error: " + e.getMessage());
            return Status.FAILED;
        }
    }

    private Status prewarm(ServerClient client, Map<String, ?> request, String what) throws ServerUnreachableException {
        Answer answer = client.post("/v1/audio/prewarm", request);
        JsonNode results = answer.body().path("voices");
        if (!results.isArray()) {
            err.println("error: " + what + ": " + answer.errorMessage());
            return Status.FAILED;
        }
        if (results.isEmpty()) {
            out.println("nothing to prewarm: the server's voices.prewarm is empty");
        }
        boolean allReady = true;
        for (JsonNode result : results) {
            boolean ready = result.path("ready").asBoolean(false);
            allReady &= ready;
            String voice = result.path("voice").asText("?");
            out.println(ready
                    ? voice + ": ready in " + result.path("millis").asLong() + " ms"
                    : voice + ": not ready: " + result.path("error").asText("no reason given"));
        }
        return allReady && answer.status() == 200 ? Status.OK : Status.FAILED;
    }
}
