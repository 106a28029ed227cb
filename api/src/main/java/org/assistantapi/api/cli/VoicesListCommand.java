package org.assistantapi.api.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.assistantapi.api.cli.ServerClient.Answer;
import org.assistantapi.api.cli.ServerClient.ServerUnreachableException;
import org.assistantapi.api.cli.VoicesCommand.ConfigLoader;
import org.assistantapi.api.cli.VoicesCommand.Status;

/**
 * {@code assistant-api voices list}: the voices the running server's workers can speak, from
 * {@code GET /v1/audio/voices}; the workers are what decide, so the server has to be running.
 */
public final class VoicesListCommand {

    static final String USAGE = """
            Usage: assistant-api voices list [--config PATH | --url URL]

              Lists the voices of the running server (GET /v1/audio/voices) and its default.
              Exit status 1 if the server cannot be reached.
              --config     YAML configuration, for the server's host and port
              --url        the server's URL instead, e.g. http://127.0.0.1:8000
            """;

    private static final String ROW = "%-36s %-7s %-9s %6s %s%n";

    private final PrintStream out;
    private final PrintStream err;

    VoicesListCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static Status run(List<String> args, ConfigLoader configs) {
        return new VoicesListCommand(System.out, System.err).execute(args, configs);
    }

    Status execute(List<String> args, ConfigLoader configs) {
        return switch (ServerCommandLine.parse(args, false, Duration.ofSeconds(30), USAGE, configs, out, err)) {
            case ServerCommandLine.Done done -> done.status();
            case ServerCommandLine.Call call -> list(call.client());
        };
    }

    private Status list(ServerClient client) {
        Answer answer;
        try {
            answer = client.get("/v1/audio/voices");
        } catch (ServerUnreachableException e) {
            err.println("error: " + e.getMessage() + "; the voice list comes from the running server");
            return Status.FAILED;
        }
        if (answer.status() != 200) {
            err.println("error: " + answer.errorMessage());
            return Status.FAILED;
        }
        out.printf(ROW, "ID", "ENGINE", "LANGUAGE", "RATE", "SPEAKERS");
        for (JsonNode voice : answer.body().path("data")) {
            out.printf(ROW, voice.path("id").asText(), voice.path("engine").asText(), voice.path("language").asText(),
                    voice.path("sample_rate").asText(), voice.path("speakers").asText());
        }
        out.println("default: " + answer.body().path("default").asText("-"));
        return Status.OK;
    }
}
