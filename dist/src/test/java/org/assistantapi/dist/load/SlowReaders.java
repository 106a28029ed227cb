package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow readers mixed in: one-shot clients alone, then the same clients while a few others ask for
 * long.txt, read its first bytes and then nothing for a while (so their jobs run out of credit and
 * the socket buffers fill), before reading the rest. The one-shot clients' time to first byte should
 * not change, and the slow readers must still get their whole audio.
 */
final class SlowReaders implements Scenario {

    private final int clients;
    private final int slowReaders;
    private final Duration stall;

    SlowReaders(int clients, int slowReaders, Duration stall) {
        this.clients = clients;
        this.slowReaders = slowReaders;
        this.stall = stall;
    }

    @Override
    public String name() {
        return "slow-readers";
    }

    @Override
    public String title(LoadContext context) {
        return "slow-readers: " + clients + " one-shot clients alone, then with " + slowReaders
                + " clients reading nothing for " + stall.toSeconds() + " s (long.txt), "
                + context.runDuration().toSeconds() + " s each";
    }

    @Override
    public Result run(LoadContext context) throws InterruptedException {
        List<ResultRow> rows = new ArrayList<>();
        context.awaitNoStreams();
        LoadContext.Measured alone = context.measure(List.of(context.oneShotClients("one-shot", clients)));
        ResultRow aloneRow = alone.totalRow(clients + " one-shot alone", clients);
        rows.add(aloneRow);
        context.awaitNoStreams();
        LoadContext.Measured mixed = context.measure(List.of(context.oneShotClients("one-shot", clients),
                ClientSpec.once("slow", slowReaders, context.texts().longText(), new ReadPolicy.Stall(stall), Duration.ZERO)));
        ResultRow withSlow = mixed.row(clients + " one-shot with slow", clients, mixed.run().group("one-shot"));
        ResultRow slow = mixed.row(slowReaders + " slow readers", slowReaders, mixed.run().group("slow"));
        rows.add(withSlow);
        rows.add(slow);
        List<String> notes = new ArrayList<>();
        if (!aloneRow.ttfb().isEmpty() && !withSlow.ttfb().isEmpty()) {
            double before = aloneRow.ttfb().millis(0.99);
            double after = withSlow.ttfb().millis(0.99);
            notes.add(ResultsTable.format("one-shot p99 TTFB with slow readers / alone = %.1f ms / %.1f ms = %.2f",
                    after, before, after / before));
        }
        notes.add("slow readers with their whole audio: " + slow.calls().stream().filter(CallResult::complete).count()
                + " of " + slowReaders);
        return new Result(rows, notes);
    }
}
