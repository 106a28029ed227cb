package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The mixed load again and again for a long while (issue 8's soak), sampling the server's and the
 * workers' resident memory after every round: a leak shows as RSS that keeps growing round after
 * round instead of levelling off.
 */
final class Soak implements Scenario {

    private final Duration length;
    private final MixedLoad round = MixedLoad.standard();

    Soak(Duration length) {
        this.length = length;
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String title(LoadContext context) {
        return "soak: the mixed scenario in rounds for " + length.toMinutes() + " min, RSS after each round";
    }

    @Override
    public Result run(LoadContext context) throws Exception {
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long started = System.nanoTime();
        for (int number = 1; System.nanoTime() - started < length.toNanos(); number++) {
            for (ResultRow row : round.run(context).rows()) {
                rows.add(new ResultRow("round " + number + ": " + row.label(), row.clients(), row.calls(), row.wall(), row.cpu()));
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            int finished = number;
            context.processes().map(ServerProcesses::memory)
                    .ifPresent(memory -> notes.add("after round " + finished + " (" + seconds + " s): RSS " + memory));
        }
        return new Result(rows, notes);
    }
}
