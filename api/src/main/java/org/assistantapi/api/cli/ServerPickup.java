package org.assistantapi.api.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;

/**
 * After {@code voices download}: waits until the running server offers the new voices (its
 * workers watch the voice directories), or says that no server answers. Reports go to stderr,
 * with the download's progress; stdout keeps one result line per voice.
 */
final class ServerPickup {

    /** Long enough for the workers to notice the files, let them settle and open the model. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ServerClient server;
    private final PrintStream err;
    private final Duration wait;

    ServerPickup(ServerClient server, PrintStream err, Duration wait) {
        this.server = server;
        this.err = err;
        this.wait = wait;
    }

    void await(List<String> ids) {
        SequencedSet<String> waiting = new LinkedHashSet<>(ids);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                ServerClient.Answer answer = server.get("/v1/audio/voices");
                if (answer.status() != 200) {
                    err.println("cannot tell whether the server at " + server.base() + " uses the new voices: "
                            + answer.errorMessage());
                    return;
                }
                List<String> offered = answer.body().path("data").findValuesAsText("id");
                for (String id : List.copyOf(waiting)) {
                    if (offered.contains(id)) {
                        err.println("the server at " + server.base() + " offers " + id + " now");
                        waiting.remove(id);
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    err.println("the server at " + server.base() + " does not offer " + String.join(", ", waiting)
                            + " after " + wait.toSeconds() + " s; its log says why (or it watches other voice directories)");
                    return;
                }
                Thread.sleep(POLL);
            }
        } catch (ServerClient.ServerUnreachableException e) {
            err.println("no server answers at " + server.base() + " (" + e.getMessage()
                    + "); assistant-api offers the new voices when it starts, or within seconds while it runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
