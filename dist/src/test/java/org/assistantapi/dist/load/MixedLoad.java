package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.List;

/**
 * Everything the server must survive at once, briefly: one-shot clients, slow readers (long.txt,
 * nothing read for a while, so their jobs run out of credit and the socket buffers fill) and a
 * burst of hang-ups. The regular test suite runs it (LoadSmokeIT) through {@link LoadSmoke}.
 */
final class MixedLoad implements Scenario {

    private final int clients;
    private final int slowReaders;
    private final Duration stall;
    private final int hangUps;

    MixedLoad(int clients, int slowReaders, Duration stall, int hangUps) {
        this.clients = clients;
        this.slowReaders = slowReaders;
        this.stall = stall;
        this.hangUps = hangUps;
    }

    /** 12 one-shot clients, 2 slow readers stalling 3 s, 8 hang-ups. */
    static MixedLoad standard() {
        return new MixedLoad(12, 2, Duration.ofSeconds(3), 8);
    }

    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public String title(LoadContext context) {
        return "mixed: " + clients + " one-shot clients for " + context.runDuration().toSeconds() + " s, " + slowReaders
                + " slow readers (long.txt, nothing read for " + stall.toSeconds() + " s) and, after "
                + burstDelay(context).toMillis() + " ms, " + hangUps + " clients hanging up after the first bytes";
    }

    @Override
    public Result run(LoadContext context) throws InterruptedException {
        context.awaitNoStreams();
        LoadContext.Measured run = context.measure(List.of(context.oneShotClients("one-shot", clients),
                ClientSpec.once("slow", slowReaders, context.texts().longText(), new ReadPolicy.Stall(stall), Duration.ZERO),
                ClientSpec.once("hang-up", hangUps, context.texts().longText(), ReadPolicy.HANG_UP, burstDelay(context))));
        return new Result(List.of(
                run.row(clients + " one-shot", clients, run.run().group("one-shot")),
                run.row(slowReaders + " slow readers", slowReaders, run.run().group("slow")),
                run.row(hangUps + " hanging up", hangUps, run.run().group("hang-up"))), List.of());
    }

    private static Duration burstDelay(LoadContext context) {
        return context.runDuration().dividedBy(6);
    }
}
