package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.List;

/**
 * A burst of disconnects: while one-shot clients run, a crowd of clients asks for long.txt at the
 * same moment and hangs up after the first bytes. The server must notice each hang-up, cancel the
 * job (no CPU spent on audio nobody hears; {@link ScenarioRunner} checks the workers go idle) and
 * keep serving the others.
 */
final class DisconnectBurst implements Scenario {

    private final int clients;
    private final int hangUps;

    DisconnectBurst(int clients, int hangUps) {
        this.clients = clients;
        this.hangUps = hangUps;
    }

    @Override
    public String name() {
        return "disconnects";
    }

    @Override
    public String title(LoadContext context) {
        return "disconnects: " + clients + " one-shot clients for " + context.runDuration().toSeconds() + " s; after "
                + burstDelay(context).toMillis() + " ms, " + hangUps
                + " clients ask for long.txt at once and hang up after the first bytes";
    }

    @Override
    public Result run(LoadContext context) throws InterruptedException {
        context.awaitNoStreams();
        LoadContext.Measured run = context.measure(List.of(context.oneShotClients("one-shot", clients),
                ClientSpec.once("hang-up", hangUps, context.texts().longText(), ReadPolicy.HANG_UP, burstDelay(context))));
        return new Result(List.of(
                run.row(clients + " one-shot", clients, run.run().group("one-shot")),
                run.row(hangUps + " hanging up", hangUps, run.run().group("hang-up"))), List.of());
    }

    private static Duration burstDelay(LoadContext context) {
        return context.runDuration().dividedBy(4);
    }
}
