package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Issue 5's benchmark: 1, 8, 32 and 64 (or other) concurrent clients, each sending one-shot
 * requests (short.txt and reply.txt in turn) back to back, one level after the other. Reports the
 * ratio of p99 time to first byte at 32 clients to that at 1 client.
 */
final class OneShotConcurrency implements Scenario {

    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final int WARM_UP_CLIENTS = 4;

    private final List<Integer> levels;

    OneShotConcurrency(List<Integer> levels) {
        this.levels = List.copyOf(levels);
    }

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public String title(LoadContext context) {
        return "pool: one-shot concurrency, " + levels + " clients, " + context.runDuration().toSeconds()
                + " s per level, short.txt and reply.txt in turn";
    }

    @Override
    public Result run(LoadContext context) throws InterruptedException {
        Load.run(context.api(), List.of(context.oneShotClients("warm-up", WARM_UP_CLIENTS)), WARM_UP);
        List<ResultRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int clients : levels) {
            context.awaitNoStreams().orElseThrow(() -> new IllegalStateException("streams still open before level " + clients));
            rows.add(context.measure(List.of(context.oneShotClients("clients", clients)))
                    .totalRow(clients + (clients == 1 ? " client" : " clients"), clients));
        }
        p99(rows, 32).ifPresent(at32 -> p99(rows, 1).ifPresent(at1 -> notes.add(ResultsTable.format(
                "p99 TTFB at 32 clients / p99 TTFB at 1 client = %.1f ms / %.1f ms = %.1f", at32, at1, at32 / at1))));
        return new Result(rows, notes);
    }

    private static Optional<Double> p99(List<ResultRow> rows, int clients) {
        return rows.stream().filter(r -> r.clients() == clients && !r.ttfb().isEmpty())
                .map(r -> r.ttfb().millis(0.99)).findFirst();
    }
}
